#!/usr/bin/env python3
"""Prints random SPARQL SELECT queries, one a line, each projecting one random expression (string,
numeric, date, logical and comparison operators over constants of every kind, unbound variables
and the values of data.trig) for compare.py: `random_expressions.py SEED COUNT`. Some are not
valid SPARQL (`a < b IN (...)`), which both engines refuse alike.
"""
import random
import sys

random.seed(int(sys.argv[1]))
atoms = ['1', '0', '-3', '2.5', '0.0', '1e0', '0.5e0', '"NaN"^^xsd:double', '"INF"^^xsd:double', '"a"', '""', '"abc"@en', '"x"^^xsd:string',
         'true', 'false', '<http://ex/a>', '?o', '?s', '?missing', '"2020-01-02T03:04:05Z"^^xsd:dateTime', '"2020-01-02"^^xsd:date',
         '"12"^^xsd:int', '"3000000000"^^xsd:integer', '"abc"^^<http://ex/t>', '"1"^^xsd:boolean', 'BNODE()', '"é😀"']
unary = ['STR', 'LANG', 'DATATYPE', 'isIRI', 'isBlank', 'isLiteral', 'isNumeric', 'BOUND', 'STRLEN', 'UCASE', 'LCASE', 'ENCODE_FOR_URI',
         'ABS', 'ROUND', 'CEIL', 'FLOOR', 'YEAR', 'MONTH', 'DAY', 'HOURS', 'MINUTES', 'SECONDS', 'TIMEZONE', 'TZ', 'MD5', 'SHA1', 'SHA256',
         'xsd:integer', 'xsd:decimal', 'xsd:double', 'xsd:float', 'xsd:string', 'xsd:boolean', 'xsd:dateTime', 'IRI', '!', '-', '+']
binary_fn = ['STRSTARTS', 'STRENDS', 'CONTAINS', 'STRBEFORE', 'STRAFTER', 'LANGMATCHES', 'STRDT', 'STRLANG', 'sameTerm', 'REGEX', 'SUBSTR', 'CONCAT', 'COALESCE']
ops = ['+', '-', '*', '/', '=', '!=', '<', '>', '<=', '>=', '&&', '||']
def expr(d):
    if d == 0 or random.random() < 0.3: return random.choice(atoms)
    r = random.random()
    if r < 0.35:
        f = random.choice(unary)
        if f == 'BOUND':
            return 'BOUND(' + random.choice(['?o', '?s', '?missing']) + ')'
        if f in ('!', '-', '+'): return f + '(' + expr(d-1) + ')'
        return f + '(' + expr(d-1) + ')'
    if r < 0.6:
        f = random.choice(binary_fn)
        if f == 'STRDT': return 'STRDT(' + expr(d-1) + ', xsd:string)'
        return f + '(' + expr(d-1) + ', ' + expr(d-1) + ')'
    if r < 0.7:
        return 'IF(' + expr(d-1) + ', ' + expr(d-1) + ', ' + expr(d-1) + ')'
    if r < 0.75:
        return expr(d-1) + ' IN (' + expr(d-1) + ', ' + expr(d-1) + ')'
    return '(' + expr(d-1) + ' ' + random.choice(ops) + ' ' + expr(d-1) + ')'
for i in range(int(sys.argv[2])):
    print('SELECT ?s (%s AS ?r) { ?s :note ?o }' % expr(3) if random.random() < 0.5 else 'SELECT ?s (%s AS ?r) { ?s :age ?o }' % expr(3))
