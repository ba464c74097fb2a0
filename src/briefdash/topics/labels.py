"""Short human labels for topics, made from their most distinctive terms."""
from __future__ import annotations

_ACRONYM_MAX = 5


def display(term: str, kind: int) -> str:
    """How a normalised term is shown: names capitalised, short single-word names upper-cased."""
    if kind == 0:
        return term
    if kind == 2 and len(term) <= _ACRONYM_MAX:
        return term.upper()
    return " ".join(w if w in ("of", "the", "and", "for", "on") else w[:1].upper() + w[1:]
                    for w in term.split(" "))


def label_for(profile: dict[str, float], kinds: dict[str, int], max_parts: int = 2) -> str:
    """'Korsa Strait · patrol': the strongest name (multiword preferred) and the next term."""
    ranked = sorted(profile.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    if not ranked:
        return "(untitled)"
    parts: list[str] = []
    top_weight = ranked[0][1]
    names = [(t, w) for t, w in ranked if kinds.get(t, 0) > 0]
    phrases = [(t, w) for t, w in names if " " in t and w >= 0.5 * top_weight]
    first = (phrases or names or ranked)[0][0]
    parts.append(first)
    for t, _ in ranked:
        if len(parts) >= max_parts:
            break
        if t in parts or any(t in p.split(" ") or p in t.split(" ") for p in parts) or \
                any(w in t.split(" ") for p in parts for w in p.split(" ")):
            continue
        parts.append(t)
    shown = []
    for t in parts:
        text = display(t, kinds.get(t, 0))
        if t.count(" ") >= 3 and " of the " in t:  # "Halle Venen of the United Republic of …"
            text = text.split(" of the ")[0]
        shown.append(text)
    label = " · ".join(shown)
    return label[:1].upper() + label[1:]


def relabel(store, state, topic_ids) -> None:
    """Recompute the automatic label of each topic in `topic_ids` from the grouping state."""
    rows = []
    for tid in topic_ids:
        prof = state.profile(tid)
        state.load_terms(prof.keys())
        rows.append((label_for(prof, state.kind), tid))
    store.db.executemany("UPDATE topics SET label=? WHERE id=?", rows)


def relabel_issues(store, state, issue_ids) -> None:
    """Recompute the automatic label of each issue from its profile."""
    ids = sorted(set(issue_ids))
    rows = []
    for iid, prof in store.issue_profiles(ids).items():
        state.load_terms(prof.keys())
        rows.append((label_for(prof, state.kind), iid))
    store.set_issue_labels(rows)
