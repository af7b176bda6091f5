import { getAsset, listVersions } from "../../storage/assets";
import type { DbHandle } from "../../storage/db";
import type { User } from "../../storage/users";
import { describeFormat } from "./asset-page.server";

/** At most as many as the editor makes at once. */
const MAX_SHOWN = 12;

/**
 * What the confirmation after creating lists: for each asset id (in the order given, unknown ids
 * and other drafters' assets left out, at most 12) its code, title, state, format and the current
 * version (id for the thumbnail, `versionN`). `edited` is the asset a new version was just made of
 * on its page (its extra formats being the others): listed whoever made it, marked `edited`.
 */
export function createdAssets(handle: DbHandle, user: User, ids: string[], edited: string | null = null) {
  return ids.slice(0, MAX_SHOWN).flatMap((id) => {
    const a = getAsset(handle, id);
    const isEdited = a?.id === edited;
    if (!a || (a.createdBy !== user.id && !isEdited)) return [];
    const current = listVersions(handle, a.id).find((v) => v.id === a.currentVersionId);
    return [
      {
        id: a.id,
        code: a.code,
        title: a.title,
        state: a.state,
        format: describeFormat(a.formatId),
        versionId: current?.id ?? null,
        versionN: current?.n ?? null,
        edited: isEdited,
      },
    ];
  });
}
