#!/usr/bin/env python3
"""Writes a random dataset large enough for the store to reorder basic patterns (2,500 quads over
six predicates of skewed sizes, 400 entities, small integers, two named graphs) and prints random
join queries over it for compare.py: two to four triple patterns (constants, shared variables,
paths), with FILTER NOT EXISTS, MINUS, OPTIONAL (with EXISTS in its FILTER, nested, or two in a
row), a UNION (and an OPTIONAL after it), a BIND before a triple pattern, or a GRAPH block.
With "after", up to two triple patterns after another member instead: a UNION, an OPTIONAL, a
GRAPH block of several members, a sub-SELECT, VALUES or a BIND (the store looks them up with its
rows' values), and after them maybe a group, OPTIONAL or GRAPH block that holds an OPTIONAL or a
UNION, or an OPTIONAL with EXISTS in its FILTER.
With "subselect", one or two triple patterns joined with a sub-SELECT after them (grouped or not,
as an OPTIONAL with or without a FILTER reading both sides, nested in another OPTIONAL, inside
GRAPH ?g): the store reads such a right side once per join.
With "blank", the entities numbered 0, 5, 10, … are blank nodes in the data (the queries are the
same as without it: a query naming one of them matches nothing).

Usage: random_joins.py SEED COUNT DATA.nq [after|subselect] [blank] > queries.txt
       compare.py --data DATA.nq queries.txt
Each triple is in one graph only: Oxigraph's union default graph repeats a triple held in two.
"""
import random
import re
import sys

seed, count, data_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
after = "after" in sys.argv[4:]
subselect = "subselect" in sys.argv[4:]
blank = "blank" in sys.argv[4:]
rnd = random.Random(seed)
EX = "http://ex/"

quads = {}
for predicate, size in enumerate([1500, 600, 300, 120, 40, 10]):
    for _ in range(size):
        subject = "<%se%d>" % (EX, rnd.randrange(400))
        if rnd.random() < 0.7:
            value = "<%se%d>" % (EX, rnd.randrange(400))
        else:
            value = '"%d"^^<http://www.w3.org/2001/XMLSchema#integer>' % rnd.randrange(20)
        graph = rnd.choice(["", " <%sg1>" % EX, " <%sg2>" % EX])
        quads["%s <%sp%d> %s" % (subject, EX, predicate, value)] = graph

def written(triple):
    return re.sub(r"<%s(e\d*[05])>" % EX, r"_:\1", triple) if blank else triple


with open(data_path, "w", encoding="utf-8") as out:
    out.writelines("%s%s .\n" % (written(triple), graph) for triple, graph in quads.items())

VARIABLES = ["?a", "?b", "?c", "?d"]


def term(position):
    r = rnd.random()
    if position == "p":
        return ":p%d" % rnd.randrange(6) if r < 0.9 else rnd.choice(VARIABLES)
    if r < 0.75:
        return rnd.choice(VARIABLES)
    if position == "o" and r < 0.85:
        return str(rnd.randrange(20))
    return ":e%d" % rnd.randrange(400)


def triple():
    if rnd.random() < 0.1:
        return "%s %s %s" % (rnd.choice(VARIABLES), rnd.choice([":p1/:p2", ":p3+", "^:p0", ":p4|:p5"]), rnd.choice(VARIABLES))
    return "%s %s %s" % (term("s"), term("p"), term("o"))


def optional_with_exists(inner):
    """An OPTIONAL whose FILTER's EXISTS may read the values of the solution it extends."""
    return " OPTIONAL { %s FILTER %sEXISTS { %s } }" % (inner, rnd.choice(["", "NOT "]), triple())


def group():
    body = " . ".join(triple() for _ in range(rnd.randint(2, 4)))
    r = rnd.random()
    if r < 0.15:
        body += " FILTER NOT EXISTS { %s :p5 ?z }" % rnd.choice(VARIABLES)
    elif r < 0.25:
        body += " MINUS { %s :p4 ?z }" % rnd.choice(VARIABLES)
    elif r < 0.35:
        body += " OPTIONAL { %s :p3 ?y }" % rnd.choice(VARIABLES)
    elif r < 0.42:
        body += " FILTER(isIRI(%s))" % rnd.choice(VARIABLES)
    elif r < 0.75:
        inner = triple() + (" OPTIONAL { %s }" % triple() if rnd.random() < 0.2 else "")
        body += optional_with_exists(inner)
    elif r < 0.83:
        body += " OPTIONAL { %s OPTIONAL { %s } }" % (triple(), triple())
    elif r < 0.9:
        body += " OPTIONAL { %s } %s" % (triple(), rnd.choice([" OPTIONAL { %s }" % triple(), optional_with_exists(triple())]))
    elif r < 0.95:
        body += " { %s } UNION { %s }%s" % (triple(), triple(), rnd.choice(["", optional_with_exists(triple())]))
    else:
        body += " BIND(%s AS ?z) %s" % (rnd.choice(VARIABLES), triple())
    return "GRAPH ?g { %s }" % body if rnd.random() < 0.2 else body


def value():
    return rnd.choice(["UNDEF", ":e%d" % rnd.randrange(400), str(rnd.randrange(20))])


def leading_member():
    """A member whose rows' values the triple patterns after it are looked up with."""
    r = rnd.random()
    if r < 0.25:
        return "{ %s } UNION { %s }" % (triple(), triple())
    if r < 0.45:
        return "%s OPTIONAL { %s }" % (triple(), triple())
    if r < 0.6:
        return "GRAPH ?g { %s %s }" % (triple(), rnd.choice(["OPTIONAL { %s }" % triple(), "{ %s } UNION { %s }" % (triple(), triple())]))
    if r < 0.75:
        return "{ SELECT%s * { %s . %s } }" % (rnd.choice(["", " DISTINCT"]), triple(), triple())
    if r < 0.9:
        rows = " ".join("(%s %s)" % (value(), value()) for _ in range(rnd.randint(1, 6)))
        return "%s VALUES (%s %s) { %s }" % ((triple(), *rnd.sample(VARIABLES, 2), rows))
    return "%s BIND(%s AS ?z)" % (triple(), rnd.choice(VARIABLES + ["?z"]))


def right_side():
    """A member after the patterns; one of more than one basic pattern is narrowed in its first."""
    r = rnd.random()
    if r < 0.25:
        return " OPTIONAL { %s }" % triple()
    if r < 0.4:
        return " OPTIONAL { %s OPTIONAL { %s } }" % (triple(), triple())
    if r < 0.55:
        return " { %s OPTIONAL { %s } }" % (triple(), triple())
    if r < 0.65:
        return " { { %s } UNION { %s } %s }" % (triple(), triple(), triple())
    if r < 0.75:
        return " GRAPH ?g { %s OPTIONAL { %s } }" % (triple(), triple())
    return optional_with_exists(triple())


def patterns_after():
    body = "%s %s" % (leading_member(), " . ".join(triple() for _ in range(rnd.randint(0, 2))))
    if rnd.random() < 0.5:
        body += right_side()
    return "GRAPH ?g { %s }" % body if rnd.random() < 0.15 else body


def sub_select():
    """A sub-SELECT of one or two triple patterns, projecting some of their variables."""
    inner = " . ".join(triple() for _ in range(rnd.randint(1, 2)))
    mentioned = [v for v in VARIABLES if v in inner]
    if not mentioned:
        return "{ SELECT * { %s } }" % inner
    key = rnd.choice(mentioned)
    if rnd.random() < 0.4:
        return "{ SELECT %s (COUNT(*) AS ?k) { %s } GROUP BY %s }" % (key, inner, key)
    projected = rnd.sample(mentioned, rnd.randint(1, len(mentioned)))
    return "{ SELECT%s %s { %s } }" % (rnd.choice(["", " DISTINCT"]), " ".join(projected), inner)


def joined_sub_select():
    body = " . ".join(triple() for _ in range(rnd.randint(1, 2)))
    r = rnd.random()
    if r < 0.3:
        body += " OPTIONAL { %s }" % sub_select()
    elif r < 0.5:
        body += " OPTIONAL { %s FILTER(%s != %s) }" % (sub_select(), rnd.choice(VARIABLES), rnd.choice(VARIABLES + ["?k"]))
    elif r < 0.7:
        body += " %s" % sub_select()
    elif r < 0.85:
        body += " OPTIONAL { %s OPTIONAL { %s } }" % (triple(), sub_select())
    else:
        body += " { %s } UNION { %s }" % (sub_select(), triple())
    return "GRAPH ?g { %s }" % body if rnd.random() < 0.2 else body


for _ in range(count):
    print(rnd.choice(["SELECT ?a ?b ?c ?d { %s }", "SELECT (COUNT(*) AS ?n) { %s }", "SELECT DISTINCT ?a { %s }"])
          % (patterns_after() if after else joined_sub_select() if subselect else group()))
