import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { signOut } from "../lib/auth.server";
import { assertSameOrigin } from "../lib/http.server";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  throw redirect("/login", { headers: signOut(request) });
}

export async function loader() {
  throw redirect("/");
}
