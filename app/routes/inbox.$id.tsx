import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { openEntry } from "../lib/inbox.server";

// /inbox/<id>: the link of one inbox entry. Following it marks the entry read and goes on to the
// asset, so a link opened in a new tab counts as read just as a click does. Marking read is
// idempotent and only ever about the session user's own entry, so a repeated GET does no harm.

export function loader({ request, params }: LoaderFunctionArgs) {
  openEntry(request, requireUser(request), params.id);
}

export function action({ request, params }: ActionFunctionArgs) {
  openEntry(request, requireUser(request), params.id);
}
