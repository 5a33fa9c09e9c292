"""The posts of a Twitter MNER split (an IMGID line, then word TAB tag lines, a blank line between
posts), for the benchmark scripts: each post's words and tags, MISC read as OTHER."""


def read_posts(path):
    """[(words, tags)] in file order."""
    words, tags, found = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("IMGID:") or not line:
            if words:
                found.append((words, tags))
            words, tags = [], []
        elif "\t" in line:
            word, tag = line.split("\t")[:2]
            words.append(word)
            tags.append(tag.replace("MISC", "OTHER"))
    if words:
        found.append((words, tags))
    return found
