#!/usr/bin/env python3
"""Records DynamoDB's answers for the evaluator's golden files.

    ../shared/tools/dynamodb-local start 8124
    DYNAMODB_ENDPOINT=http://127.0.0.1:8124 python3 engine/expr/testdata/eval/record.py

writes conditions.txt, updates.txt and projections.txt next to this file
(see eval_test.go for the format). Every answer is DynamoDB Local's,
except where a case carries an `aws` override: the answer is then Amazon
DynamoDB's, from the evidence the case cites, and DynamoDB Local's answer
is kept in a comment.

Conditions are decided with a conditional PutItem of the item itself
(ConditionalCheckFailedException means false), updates with UpdateItem
(ReturnValues ALL_NEW, UPDATED_OLD and UPDATED_NEW, each on a fresh copy of
the item), projections with GetItem.
"""
import base64
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = 'expr_eval'
KEY = {'pk': {'S': 'k'}}

client = boto3.client('dynamodb', endpoint_url=os.environ['DYNAMODB_ENDPOINT'], region_name='us-east-1',
                      aws_access_key_id='x', aws_secret_access_key='x')


def S(s): return {'S': s}
def N(s): return {'N': str(s)}
def B(b): return {'B': b}
def L(*a): return {'L': list(a)}
def M(**k): return {'M': k}
def SS(*a): return {'SS': list(a)}
def NS(*a): return {'NS': [str(x) for x in a]}
def BS(*a): return {'BS': list(a)}
BOOL = {'BOOL': True}
NULL = {'NULL': True}

ITEMS = {
    'cond': {
        's': S('abc'), 'n': N(5), 'b': B(b'\x01\x02'), 't': BOOL, 'f': {'BOOL': False}, 'z': NULL,
        'ss': SS('a', 'b'), 'ns': NS(1, 2), 'bs': BS(b'\x01'),
        'l': L(S('x'), N(1), L(S('y')), M(k=S('v')), SS('q')), 'ls': L(S('x'), N(1)),
        'm': M(k=S('v'), o=N(2), n=M(d=N(1))), 'm2': M(k=S('v'), o=N('2.0'), n=M(d=N('1.00'))),
        'u': S('h\u00e9llo\U0001F600'), 'bmp': S('\uffff'), 'e': S(''), 'sn': S('5'), 'pre': S('ab'),
        'lo': N(6), 'hi': N(4), 'pn': N('2.0'), 'ty': S('SS'), 'eb': B(b''),
        'dot.name': S('dotted'), 'num': N('-12.50'),
    },
    'doc': {
        'n': N(5), 's': S('abc'), 'l': L(S('a'), S('b'), S('c')),
        'm': M(k=S('v'), n=M(d=N(1)), ss=SS('q'), nn=N(1)),
        'ss': SS('a', 'b'), 'ns': NS(1, 2), 'bs': BS(b'\x01'), 't': BOOL,
        'll': L(L(S('x'), S('y')), M(q=N(1))), 'lss': L(SS('q'), S('x')), 'e': M(),
        'big': N('99999999999999999999999999999999999999'), 'maxn': N('9.9999999999999999999999999999999999999E+125'),
        'tiny': N('1E-130'),
    },
    'proj': {
        'n': N(5), 's': S('abc'),
        'l': L(S('a'), S('b'), S('c'), M(x=N(1), y=N(2)), L(S('p'), S('q'))),
        'm': M(k=S('v'), n=M(d=N(1), e=N(2)), l=L(N(0), N(1)), em=M()),
        'ss': SS('a', 'b'), 'dot.name': S('dotted'),
    },
}

# (item, expression, names, values)
CONDITIONS = [
    # = and <> across types, absent operands
    ('cond', 'a <> :v', None, {':v': S('x')}),
    ('cond', 'NOT a = :v', None, {':v': S('x')}),
    ('cond', 'a = :v', None, {':v': S('x')}),
    ('cond', 'NOT (a <> :v)', None, {':v': S('x')}),
    ('cond', 'a <> b', None, None),
    ('cond', 'a = b', None, None),
    ('cond', 's <> a', None, None),
    ('cond', 's = :v', None, {':v': S('abc')}),
    ('cond', 's <> :v', None, {':v': N(1)}),
    ('cond', 'sn = :v', None, {':v': N(5)}),
    ('cond', 'n = :v', None, {':v': N('5.0')}),
    ('cond', 'n = :v', None, {':v': N('5e0')}),
    ('cond', 'num = :v', None, {':v': N('-1.25E1')}),
    ('cond', 'b = :v', None, {':v': B(b'\x01\x02')}),
    ('cond', 't = :v', None, {':v': BOOL}),
    ('cond', 't = f', None, None),
    ('cond', 't <> f', None, None),
    ('cond', 'z = :v', None, {':v': NULL}),
    ('cond', 'ss = :v', None, {':v': SS('b', 'a')}),
    ('cond', 'ss = :v', None, {':v': SS('a')}),
    ('cond', 'ns = :v', None, {':v': NS('2.0', 1)}),
    ('cond', 'bs = :v', None, {':v': BS(b'\x01')}),
    ('cond', 'ls = :v', None, {':v': L(S('x'), N('1.0'))}),
    ('cond', 'ls = :v', None, {':v': L(N(1), S('x'))}),
    ('cond', 'm = :v', None, {':v': M(o=N(2), k=S('v'), n=M(d=N(1)))}),
    ('cond', 'm = m2', None, None),
    ('cond', 'm <> :v', None, {':v': M(k=S('v'))}),
    ('cond', 'e = :v', None, {':v': S('')}),
    ('cond', 'eb = :v', None, {':v': B(b'')}),
    # ordering
    ('cond', 's < :v', None, {':v': N(1)}),
    ('cond', 's < :v', None, {':v': S('b')}),
    ('cond', 's <= :v', None, {':v': S('abc')}),
    ('cond', 's > :v', None, {':v': S('ab')}),
    ('cond', 's >= :v', None, {':v': S('abd')}),
    ('cond', 'n < :v', None, {':v': N(10)}),
    ('cond', 'n > :v', None, {':v': N('4.99999999999999999999999999999999999')}),
    ('cond', 'num < :v', None, {':v': N(-12)}),
    ('cond', 'b < :v', None, {':v': B(b'\x02')}),
    ('cond', 'b > :v', None, {':v': B(b'\x01')}),
    ('cond', 'b < :v', None, {':v': B(b'\x80')}),
    ('cond', 'e < :v', None, {':v': S('a')}),
    ('cond', 's > u', None, None),
    ('cond', 'u > :v', None, {':v': S('hz')}),
    ('cond', 'u < :v', None, {':v': S('h\U0001F600')}),
    ('cond', 'u > :v', None, {':v': S('h\uffff')}),
    ('cond', 'bmp < :v', None, {':v': S('\U0001F600')}),
    ('cond', 't < n', None, None),
    ('cond', 't <= f', None, None),
    ('cond', 'ls < s', None, None),
    ('cond', 's < ls', None, None),
    ('cond', 'ls < :v', None, {':v': S('a')}),
    ('cond', 'ss >= :v', None, {':v': S('a')}),
    ('cond', 'a < l', None, None),
    ('cond', 's < a', None, None),
    ('cond', 'NOT s < a', None, None),
    ('cond', ':v < s', None, {':v': S('a')}),
    ('cond', ':v < :w', None, {':v': N(1), ':w': N(2)}),
    # BETWEEN
    ('cond', 'n BETWEEN :a AND :b', None, {':a': N(5), ':b': N(5)}),
    ('cond', 'n BETWEEN :a AND :b', None, {':a': N(1), ':b': N(4)}),
    ('cond', 'n BETWEEN :a AND :b', None, {':a': S('a'), ':b': S('z')}),
    ('cond', 's BETWEEN :a AND :b', None, {':a': S('a'), ':b': S('b')}),
    ('cond', 'b BETWEEN :a AND :b', None, {':a': B(b'\x01'), ':b': B(b'\x02')}),
    ('cond', 'a BETWEEN :a AND :b', None, {':a': N(1), ':b': N(3)}),
    ('cond', 'NOT a BETWEEN :a AND :b', None, {':a': N(1), ':b': N(3)}),
    ('cond', 'n BETWEEN lo AND hi', None, None),
    ('cond', 'n BETWEEN hi AND lo', None, None),
    ('cond', 'n BETWEEN pre AND lo', None, None),
    ('cond', 't BETWEEN hi AND lo', None, None),
    ('cond', 'n BETWEEN hi AND :v', None, {':v': N(5)}),
    ('cond', 'n BETWEEN lo AND :v', None, {':v': N(4)}),
    ('cond', 'ls BETWEEN :a AND :b', None, {':a': N(1), ':b': N(3)}),
    ('cond', 'n BETWEEN a AND hi', None, None),
    # IN
    ('cond', 'n IN (:a, :b)', None, {':a': S('5'), ':b': N('5.00')}),
    ('cond', 'n IN (:a, :b)', None, {':a': S('5'), ':b': N(6)}),
    ('cond', 'a IN (:a, :b)', None, {':a': S('5'), ':b': N('5.00')}),
    ('cond', 'NOT a IN (:a)', None, {':a': S('5')}),
    ('cond', 's IN (:a, :b)', None, {':a': BOOL, ':b': L()}),
    ('cond', 'ls IN (:a, :b)', None, {':a': L(S('x'), N(1)), ':b': L()}),
    ('cond', 'ls IN (:a, m)', None, {':a': L(S('x'))}),
    ('cond', 'm IN (:a)', None, {':a': M(k=S('v'), o=N('2.0'), n=M(d=N(1)))}),
    ('cond', 'ss IN (:a)', None, {':a': SS('b', 'a')}),
    ('cond', 't IN (:a)', None, {':a': BOOL}),
    ('cond', 'z IN (:a)', None, {':a': NULL}),
    ('cond', 'b IN (:a)', None, {':a': B(b'\x01\x02')}),
    ('cond', 'sn IN (n, s)', None, None),
    ('cond', 'n IN (sn, pn, lo, hi, s, a)', None, None),
    # nested paths
    ('cond', 'm.k = :v', None, {':v': S('v')}),
    ('cond', 'm.n.d = :v', None, {':v': N(1)}),
    ('cond', 'l[0] = :v', None, {':v': S('x')}),
    ('cond', 'l[3].k = :v', None, {':v': S('v')}),
    ('cond', 'l[2][0] = :v', None, {':v': S('y')}),
    ('cond', 'l[5] <> :v', None, {':v': S('x')}),
    ('cond', 'l[5] = :v', None, {':v': S('x')}),
    ('cond', 'm.k.z <> :v', None, {':v': S('x')}),
    ('cond', 'l.k <> :v', None, {':v': S('x')}),
    ('cond', 'm[0] <> :v', None, {':v': S('x')}),
    ('cond', 's[0] <> :v', None, {':v': S('x')}),
    ('cond', 'm.k.z = :v', None, {':v': S('x')}),
    ('cond', '#a.#b = :v', {'#a': 'm', '#b': 'k'}, {':v': S('v')}),
    ('cond', '#d = :v', {'#d': 'dot.name'}, {':v': S('dotted')}),
    ('cond', 'm.n.d < m.o', None, None),
    ('cond', 'l[1] < m.o', None, None),
    # AND, OR, NOT
    ('cond', 'a = :v OR s = :w', None, {':v': S('x'), ':w': S('abc')}),
    ('cond', 'a = :v AND s = :w', None, {':v': S('x'), ':w': S('abc')}),
    ('cond', 'NOT (a = :v OR s = :w)', None, {':v': S('x'), ':w': S('abc')}),
    ('cond', 'NOT a = :v AND NOT s <> :w', None, {':v': S('x'), ':w': S('abc')}),
    ('cond', 's = :w OR a = :v AND n = :v', None, {':v': S('x'), ':w': S('abc')}),
    ('cond', '(s = :w OR a = :v) AND n = :v', None, {':v': S('x'), ':w': S('abc')}),
    ('cond', 'NOT NOT attribute_exists(s)', None, None),
    # size()
    ('cond', 'size(s) = :a', None, {':a': N(3)}),
    ('cond', 'size(u) = :a', None, {':a': N(10)}),
    ('cond', 'size(u) = :a', None, {':a': N(7)}),
    ('cond', 'size(u) = :a', None, {':a': N(6)}),
    ('cond', 'size(bmp) = :a', None, {':a': N(1)}),
    ('cond', 'size(b) = :a', None, {':a': N(2)}),
    ('cond', 'size(eb) = :a', None, {':a': N(0)}),
    ('cond', 'size(ss) = :a', None, {':a': N(2)}),
    ('cond', 'size(ns) = :a', None, {':a': N('2.0')}),
    ('cond', 'size(bs) = :a', None, {':a': N(1)}),
    ('cond', 'size(l) = :a', None, {':a': N(5)}),
    ('cond', 'size(m) = :a', None, {':a': N(3)}),
    ('cond', 'size(e) = :a', None, {':a': N(0)}),
    ('cond', 'size(n) = :a', None, {':a': N(1)}),
    ('cond', 'size(n) <> :a', None, {':a': N(1)}),
    ('cond', 'size(t) <> :a', None, {':a': N(1)}),
    ('cond', 'size(z) <> :a', None, {':a': N(1)}),
    ('cond', 'size(a) <> :a', None, {':a': N(1)}),
    ('cond', 'size(a) >= :a', None, {':a': N(0)}),
    ('cond', 'NOT size(n) = :a', None, {':a': N(1)}),
    ('cond', 'size(n) = size(s)', None, None),
    ('cond', 'size(ss) = size(ns)', None, None),
    ('cond', 'size(s) = size(l)', None, None),
    ('cond', 'size(l[0]) = :a', None, {':a': N(1)}),
    ('cond', 'size(l[2]) = :a', None, {':a': N(1)}),
    ('cond', 'size(m.n) = :a', None, {':a': N(1)}),
    ('cond', 'size(sn) = sn', None, None),
    ('cond', 'size(sn) < n', None, None),
    ('cond', 'n > size(s)', None, None),
    ('cond', 'size(s) < :a', None, {':a': N('3.5')}),
    ('cond', 'size(s) > :a', None, {':a': N('-1E+100')}),
    ('cond', 'size(s) BETWEEN :a AND :b', None, {':a': N(1), ':b': N(5)}),
    ('cond', 'size(s) BETWEEN :a AND :b', None, {':a': N(4), ':b': N(5)}),
    ('cond', 'size(s) IN (:a, :b)', None, {':a': N(1), ':b': N(3)}),
    ('cond', 'size(s) = :a', None, {':a': S('3')}),
    ('cond', 'size(s) < :a', None, {':a': S('3')}),
    # attribute_exists, attribute_not_exists
    ('cond', 'attribute_exists(s)', None, None),
    ('cond', 'attribute_exists(a)', None, None),
    ('cond', 'attribute_exists(z)', None, None),
    ('cond', 'attribute_exists(e)', None, None),
    ('cond', 'attribute_exists(m.k)', None, None),
    ('cond', 'attribute_exists(m.x)', None, None),
    ('cond', 'attribute_exists(m.n.d)', None, None),
    ('cond', 'attribute_exists(l[3].k)', None, None),
    ('cond', 'attribute_exists(l[4])', None, None),
    ('cond', 'attribute_exists(l[5])', None, None),
    ('cond', 'attribute_exists(s.x)', None, None),
    ('cond', 'attribute_exists(s[0])', None, None),
    ('cond', 'attribute_exists(m[0])', None, None),
    ('cond', 'attribute_exists(l.k)', None, None),
    ('cond', 'attribute_exists(#d)', {'#d': 'dot.name'}, None),
    ('cond', 'attribute_not_exists(l[5])', None, None),
    ('cond', 'attribute_not_exists(s.x)', None, None),
    ('cond', 'attribute_not_exists(m.k)', None, None),
    ('cond', 'attribute_not_exists(a)', None, None),
    ('cond', 'NOT attribute_not_exists(s)', None, None),
    ('cond', 'attribute_exists(pk)', None, None),
    ('cond', 'attribute_exists(pk) AND s = :v AND n BETWEEN :lo AND :hi', None, {':v': S('abc'), ':lo': N(1), ':hi': N(9)}),
    # attribute_type
    ('cond', 'attribute_type(s, :t)', None, {':t': S('S')}),
    ('cond', 'attribute_type(n, :t)', None, {':t': S('N')}),
    ('cond', 'attribute_type(b, :t)', None, {':t': S('B')}),
    ('cond', 'attribute_type(t, :t)', None, {':t': S('BOOL')}),
    ('cond', 'attribute_type(z, :t)', None, {':t': S('NULL')}),
    ('cond', 'attribute_type(ss, :t)', None, {':t': S('SS')}),
    ('cond', 'attribute_type(ns, :t)', None, {':t': S('NS')}),
    ('cond', 'attribute_type(bs, :t)', None, {':t': S('BS')}),
    ('cond', 'attribute_type(l, :t)', None, {':t': S('L')}),
    ('cond', 'attribute_type(m, :t)', None, {':t': S('M')}),
    ('cond', 'attribute_type(m.n, :t)', None, {':t': S('M')}),
    ('cond', 'attribute_type(l[4], :t)', None, {':t': S('SS')}),
    ('cond', 'attribute_type(s, :t)', None, {':t': S('N')}),
    ('cond', 'attribute_type(ss, :t)', None, {':t': S('S')}),
    ('cond', 'attribute_type(a, :t)', None, {':t': S('L')}),
    ('cond', 'NOT attribute_type(a, :t)', None, {':t': S('L')}),
    # begins_with
    ('cond', 'begins_with(s, :p)', None, {':p': S('ab')}),
    ('cond', 'begins_with(s, :p)', None, {':p': S('')}),
    ('cond', 'begins_with(s, :p)', None, {':p': S('abc')}),
    ('cond', 'begins_with(s, :p)', None, {':p': S('abcd')}),
    ('cond', 'begins_with(s, :p)', None, {':p': S('b')}),
    ('cond', 'begins_with(u, :p)', None, {':p': S('h\u00e9')}),
    ('cond', 'begins_with(b, :p)', None, {':p': B(b'\x01')}),
    ('cond', 'begins_with(b, :p)', None, {':p': S('a')}),
    ('cond', 'begins_with(s, :p)', None, {':p': B(b'a')}),
    ('cond', 'begins_with(n, :p)', None, {':p': S('5')}),
    ('cond', 'begins_with(ss, :p)', None, {':p': S('a')}),
    ('cond', 'begins_with(a, :p)', None, {':p': S('a')}),
    ('cond', 'NOT begins_with(a, :p)', None, {':p': S('a')}),
    ('cond', 'begins_with(s, pre)', None, None),
    ('cond', 'begins_with(s, sn)', None, None),
    ('cond', 'begins_with(s, n)', None, None),
    ('cond', 'begins_with(:p, s)', None, {':p': S('abcd')}),
    ('cond', 'begins_with(:p, :q)', None, {':p': S('abcd'), ':q': S('ab')}),
    ('cond', 'begins_with(m.k, :p)', None, {':p': S('v')}),
    # contains
    ('cond', 'contains(s, :v)', None, {':v': S('bc')}),
    ('cond', 'contains(s, :v)', None, {':v': S('')}),
    ('cond', 'contains(s, :v)', None, {':v': S('abcd')}),
    ('cond', 'contains(s, :v)', None, {':v': N(1)}),
    ('cond', 'contains(u, :v)', None, {':v': S('\U0001F600')}),
    ('cond', 'contains(b, :v)', None, {':v': B(b'\x02')}),
    ('cond', 'contains(b, :v)', None, {':v': B(b'\x02\x01')}),
    ('cond', 'contains(b, :v)', None, {':v': S('a')}),
    ('cond', 'contains(ss, :v)', None, {':v': S('a')}),
    ('cond', 'contains(ss, :v)', None, {':v': S('c')}),
    ('cond', 'contains(ss, :v)', None, {':v': N(1)}),
    ('cond', 'contains(ss, :v)', None, {':v': SS('a')}),
    ('cond', 'contains(ns, :v)', None, {':v': N('2.00')}),
    ('cond', 'contains(ns, :v)', None, {':v': N(3)}),
    ('cond', 'contains(ns, :v)', None, {':v': S('1')}),
    ('cond', 'contains(ns, pn)', None, None),
    ('cond', 'contains(ns, size(ss))', None, None),
    ('cond', 'contains(bs, :v)', None, {':v': B(b'\x01')}),
    ('cond', 'contains(bs, :v)', None, {':v': B(b'\x02')}),
    ('cond', 'contains(l, :v)', None, {':v': S('x')}),
    ('cond', 'contains(l, :v)', None, {':v': N('1.0')}),
    ('cond', 'contains(l, :v)', None, {':v': L(S('y'))}),
    ('cond', 'contains(l, :v)', None, {':v': M(k=S('v'))}),
    ('cond', 'contains(l, :v)', None, {':v': SS('q')}),
    ('cond', 'contains(l, :v)', None, {':v': S('q')}),
    ('cond', 'contains(l, :v)', None, {':v': BOOL}),
    ('cond', 'contains(l, :v)', None, {':v': NULL}),
    ('cond', 'contains(m, :v)', None, {':v': S('k')}),
    ('cond', 'contains(n, :v)', None, {':v': N(5)}),
    ('cond', 'contains(t, :v)', None, {':v': BOOL}),
    ('cond', 'contains(a, :v)', None, {':v': S('a')}),
    ('cond', 'NOT contains(a, :v)', None, {':v': S('a')}),
    ('cond', 'contains(s, pre)', None, None),
    ('cond', 'contains(s, a)', None, None),
    ('cond', 'contains(:v, s)', None, {':v': S('xabcx')}),
    ('cond', 'contains(:v, :w)', None, {':v': SS('a', 'b'), ':w': S('a')}),
    ('cond', 'contains(s, :v)', None, {':v': L()}),
    ('cond', 'contains(l[2], :v)', None, {':v': S('y')}),
    # no item at all
    (None, 'attribute_not_exists(pk)', None, None),
    (None, 'attribute_exists(pk)', None, None),
    (None, 'a <> :v', None, {':v': S('x')}),
    (None, 'a = :v', None, {':v': S('x')}),
    (None, 'NOT a BETWEEN :a AND :b', None, {':a': N(1), ':b': N(2)}),
    (None, 'size(a) <> :a', None, {':a': N(1)}),
    (None, 'NOT contains(a, :v)', None, {':v': S('x')}),
]

# (item, expression, names, values, overrides). overrides may hold
# 'item', 'old' and 'new' (Amazon DynamoDB's answers, 'none' for absent)
# with 'why', the evidence.
ALTERNATOR_NESTED = ('Amazon DynamoDB per ScyllaDB Alternator test_returnvalues.py '
                     'test_update_item_returnvalues_nested (run against DynamoDB): UPDATED_OLD and '
                     'UPDATED_NEW hold only the updated paths; DynamoDB Local returns whole top-level attributes')
UPDATES = [
    ('doc', 'SET a = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET s = :v', None, {':v': S('')}, {}),
    ('doc', 'SET s = :v, a = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET #x = :v', {'#x': 'dot.name'}, {':v': S('x')}, {}),
    ('doc', 'SET n = n + :v', None, {':v': N(2)}, {}),
    ('doc', 'SET n = :v - n', None, {':v': N(2)}, {}),
    ('doc', 'SET n = n - n', None, None, {}),
    ('doc', 'SET a = n + m.nn', None, None, {}),
    ('doc', 'SET a = :v + :w', None, {':v': N('0.1'), ':w': N('-0.1')}, {}),
    ('doc', 'SET a = :v + :w', None, {':v': N('1.50'), ':w': N(1)}, {}),
    ('doc', 'SET a = big + :w', None, {':w': N(1)}, {}),
    ('doc', 'SET a = big - :w', None, {':w': N('0.1')}, {'error': 'Number overflow. Attempting to store a number with magnitude larger than supported range',
        'why': 'Amazon DynamoDB reports a result that needs more than 38 digits as an overflow (engine/value Add); DynamoDB Local says "DynamoDB only supports precision up to 38 digits"'}),
    ('doc', 'SET a = maxn + maxn', None, None, {'error': 'Number overflow. Attempting to store a number with magnitude larger than supported range',
        'why': 'Amazon DynamoDB: overflow (engine/value Add); DynamoDB Local says "DynamoDB only supports precision up to 38 digits"'}),
    ('doc', 'SET a = tiny - :w', None, {':w': N('1E-130')}, {}),
    ('doc', 'SET a = x + :v', None, {':v': N(2)}, {}),
    ('doc', 'SET a = :v + x', None, {':v': N(2)}, {}),
    ('doc', 'SET a = s + :v', None, {':v': N(2)}, {}),
    ('doc', 'SET a = :v - s', None, {':v': N(2)}, {}),
    ('doc', 'SET a = n + s', None, None, {}),
    ('doc', 'SET a = s + x', None, None, {}),
    ('doc', 'SET a = x + s', None, None, {}),
    ('doc', 'SET a = ss + n', None, None, {}),
    ('doc', 'SET a = x', None, None, {}),
    ('doc', 'SET a = m.x', None, None, {}),
    ('doc', 'SET a = l[9]', None, None, {}),
    ('doc', 'SET a = m.n.d', None, None, {}),
    ('doc', 'SET a = l[2]', None, None, {}),
    ('doc', 'SET a = m', None, None, {}),
    ('doc', 'SET a = n, n = :v', None, {':v': N(1)}, {}),
    ('doc', 'SET n = n + :v, a = n', None, {':v': N(1)}, {}),
    ('doc', 'SET a = if_not_exists(n, :v)', None, {':v': N(1)}, {}),
    ('doc', 'SET a = if_not_exists(x, :v)', None, {':v': N(1)}, {}),
    ('doc', 'SET a = if_not_exists(x, s)', None, {}, {}),
    ('doc', 'SET a = if_not_exists(x, y)', None, None, {}),
    ('doc', 'SET a = if_not_exists(n, y)', None, None, {}),
    ('doc', 'SET a = if_not_exists(m.n.d, :v)', None, {':v': N(7)}, {}),
    ('doc', 'SET a = if_not_exists(m.n.z, :v)', None, {':v': N(7)}, {}),
    ('doc', 'SET a = if_not_exists(x, :v) + :w', None, {':v': N(1), ':w': N(2)}, {}),
    ('doc', 'SET n = if_not_exists(n, :v) + :w', None, {':v': N(1), ':w': N(2)}, {}),
    ('doc', 'SET a = if_not_exists(x, :v) + :w', None, {':v': S('1'), ':w': N(2)}, {}),
    ('doc', 'SET a = if_not_exists(x, if_not_exists(y, :v))', None, {':v': N(1)}, {}),
    ('doc', 'SET a = if_not_exists(x, :v) + if_not_exists(y, :v)', None, {':v': N(3)}, {}),
    ('doc', 'SET a = list_append(l, :v)', None, {':v': L(S('d'))}, {}),
    ('doc', 'SET a = list_append(:v, l)', None, {':v': L(S('d'))}, {}),
    ('doc', 'SET l = list_append(l, :v)', None, {':v': L()}, {}),
    ('doc', 'SET a = list_append(l, l)', None, None, {}),
    ('doc', 'SET a = list_append(s, :v)', None, {':v': L(S('d'))}, {}),
    ('doc', 'SET a = list_append(:v, s)', None, {':v': L(S('d'))}, {}),
    ('doc', 'SET a = list_append(x, :v)', None, {':v': L(S('d'))}, {}),
    ('doc', 'SET a = list_append(:v, x)', None, {':v': L(S('d'))}, {}),
    ('doc', 'SET a = list_append(ss, :v)', None, {':v': L(S('d'))}, {}),
    ('doc', 'SET a = list_append(s, x)', None, None, {}),
    ('doc', 'SET a = list_append(x, s)', None, None, {}),
    ('doc', 'SET a = list_append(if_not_exists(x, :v), :v)', None, {':v': L(S('d'))}, {}),
    ('doc', 'SET a = list_append(ll[0], ll[0])', None, None, {}),
    # nested SET
    ('doc', 'SET m.k = :v', None, {':v': S('x')}, {'old': {'m': M(k=S('v'))}, 'new': {'m': M(k=S('x'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET m.z = :v', None, {':v': S('x')}, {'old': 'none', 'new': {'m': M(z=S('x'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET m.n.z = :v', None, {':v': S('x')}, {'old': 'none', 'new': {'m': M(n=M(z=S('x')))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET m.n.d = :v, m.k = :v', None, {':v': S('x')},
        {'old': {'m': M(k=S('v'), n=M(d=N(1)))}, 'new': {'m': M(k=S('x'), n=M(d=S('x')))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET e.k = :v', None, {':v': S('x')}, {'old': 'none', 'new': {'e': M(k=S('x'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET m.x.z = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET x.z = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET s.z = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET l.z = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET m[0] = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET s[0] = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET x[0] = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET l[1] = :v', None, {':v': S('x')}, {'old': {'l': L(S('b'))}, 'new': {'l': L(S('x'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET l[1] = :v, l[0] = :w', None, {':v': S('x'), ':w': S('y')},
        {'old': {'l': L(S('a'), S('b'))}, 'new': {'l': L(S('y'), S('x'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET l[3] = :v', None, {':v': S('x')}, {'old': 'none', 'new': {'l': L(S('x'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET l[99] = :v', None, {':v': S('x')}, {'old': 'none', 'new': 'none', 'why': ALTERNATOR_NESTED + '; l[99] is appended as l[3], so l[99] names nothing in the new item'}),
    ('doc', 'SET l[99] = :v, l[5] = :w', None, {':v': S('x'), ':w': S('y')}, {'old': 'none', 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET l[9].z = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET l[1].z = :v', None, {':v': S('x')}, {}),
    ('doc', 'SET ll[0][1] = :v', None, {':v': S('z')}, {'old': {'ll': L(L(S('y')))}, 'new': {'ll': L(L(S('z')))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET ll[0][5] = :v', None, {':v': S('z')}, {'old': 'none', 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET ll[1].q = :v', None, {':v': S('z')}, {'old': {'ll': L(M(q=N(1)))}, 'new': {'ll': L(M(q=S('z')))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET ll[1].r = :v', None, {':v': S('z')}, {'old': 'none', 'new': {'ll': L(M(r=S('z')))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET ll[2][0] = :v', None, {':v': S('z')}, {}),
    ('doc', 'SET m.k = m.nn + :v', None, {':v': N(1)}, {'old': {'m': M(k=S('v'))}, 'new': {'m': M(k=N(2))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET m = :v', None, {':v': S('x')}, {}),
    # REMOVE
    ('doc', 'REMOVE n, s', None, None, {}),
    ('doc', 'REMOVE x', None, None, {}),
    ('doc', 'REMOVE l[1]', None, None, {'old': {'l': L(S('b'))}, 'new': {'l': L(S('c'))},
        'why': ALTERNATOR_NESTED + '; UPDATED_NEW holds the new l[1], the old l[2] shifted down'}),
    ('doc', 'REMOVE l[0], l[2]', None, None, {'old': {'l': L(S('a'), S('c'))}, 'new': {'l': L(S('b'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE l[2], l[0]', None, None, {'old': {'l': L(S('a'), S('c'))}, 'new': {'l': L(S('b'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE l[5]', None, None, {'old': 'none', 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE l[1], l[5]', None, None, {'old': {'l': L(S('b'))}, 'new': {'l': L(S('c'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE m.k', None, None, {'old': {'m': M(k=S('v'))}, 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE m.x', None, None, {'old': 'none', 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE m.n.d', None, None, {'old': {'m': M(n=M(d=N(1)))}, 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE m.x.y', None, None, {}),
    ('doc', 'REMOVE x.y', None, None, {}),
    ('doc', 'REMOVE x[0]', None, None, {}),
    ('doc', 'REMOVE s.y', None, None, {}),
    ('doc', 'REMOVE s[0]', None, None, {}),
    ('doc', 'REMOVE m[0]', None, None, {}),
    ('doc', 'REMOVE l.k', None, None, {}),
    ('doc', 'REMOVE l[9].x', None, None, {}),
    ('doc', 'REMOVE l[1].x', None, None, {}),
    ('doc', 'REMOVE ll[0][0], ll[1].q', None, None,
        {'old': {'ll': L(L(S('x')), M(q=N(1)))}, 'new': {'ll': L(L(S('y')))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE l[1] SET l[2] = :v', None, {':v': S('x')},
        {'old': {'l': L(S('b'), S('c'))}, 'new': {'l': L(S('x'))}, 'why': ALTERNATOR_NESTED + '; the new list has no l[2] left'}),
    ('doc', 'REMOVE l[0] SET l[2] = :v', None, {':v': S('x')},
        {'old': {'l': L(S('a'), S('c'))}, 'new': {'l': L(S('b'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'REMOVE l[1] SET l[7] = :v', None, {':v': S('x')},
        {'old': {'l': L(S('b'))}, 'new': {'l': L(S('c'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'SET a = s REMOVE s', None, None, {}),
    ('doc', 'REMOVE lss[0]', None, None, {'old': {'lss': L(SS('q'))}, 'new': {'lss': L(S('x'))}, 'why': ALTERNATOR_NESTED}),
    # ADD
    ('doc', 'ADD n :v', None, {':v': N(2)}, {}),
    ('doc', 'ADD n :v', None, {':v': N('-5')}, {}),
    ('doc', 'ADD x :v', None, {':v': N(2)}, {}),
    ('doc', 'ADD x :v', None, {':v': N('-0')}, {}),
    ('doc', 'ADD x :v', None, {':v': N('1.50')}, {}),
    ('doc', 'ADD s :v', None, {':v': N(2)}, {}),
    ('doc', 'ADD t :v', None, {':v': N(2)}, {}),
    ('doc', 'ADD n :v', None, {':v': NS(1)}, {}),
    ('doc', 'ADD ss :v', None, {':v': SS('b', 'c')}, {}),
    ('doc', 'ADD ss :v', None, {':v': NS(1)}, {}),
    ('doc', 'ADD ns :v', None, {':v': NS('1.0', 3)}, {}),
    ('doc', 'ADD bs :v', None, {':v': BS(b'\x01', b'\x02')}, {}),
    ('doc', 'ADD bs :v', None, {':v': SS('a')}, {}),
    ('doc', 'ADD x :v', None, {':v': SS('z')}, {}),
    ('doc', 'ADD x :v', None, {':v': BS(b'z')}, {}),
    ('doc', 'ADD l :v', None, {':v': SS('z')}, {}),
    ('doc', 'ADD m :v', None, {':v': N(1)}, {}),
    ('doc', 'ADD m.ss :v', None, {':v': SS('r')}, {'old': {'m': M(ss=SS('q'))}, 'new': {'m': M(ss=SS('q', 'r'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'ADD m.nn :v', None, {':v': N(1)}, {'old': {'m': M(nn=N(1))}, 'new': {'m': M(nn=N(2))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'ADD m.zz :v', None, {':v': N(1)}, {'old': 'none', 'new': {'m': M(zz=N(1))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'ADD m.n.d :v', None, {':v': N(1)}, {'old': {'m': M(n=M(d=N(1)))}, 'new': {'m': M(n=M(d=N(2)))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'ADD m.x.y :v', None, {':v': N(1)}, {}),
    ('doc', 'ADD l[0] :v', None, {':v': N(1)}, {}),
    ('doc', 'ADD l[7] :v', None, {':v': N(1)}, {'old': 'none', 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'ADD lss[0] :v', None, {':v': SS('r')}, {'old': {'lss': L(SS('q'))}, 'new': {'lss': L(SS('q', 'r'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'ADD n :v, m.nn :w', None, {':v': N(1), ':w': N(2)}, {'old': {'n': N(5), 'm': M(nn=N(1))}, 'new': {'n': N(6), 'm': M(nn=N(3))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'ADD big :v', None, {':v': N(1)}, {}),
    ('doc', 'ADD maxn :v', None, {':v': N('1E+125')}, {'error': 'Number overflow. Attempting to store a number with magnitude larger than supported range',
        'why': 'Amazon DynamoDB: overflow (engine/value Add); DynamoDB Local says "DynamoDB only supports precision up to 38 digits"'}),
    ('doc', 'ADD n :v', None, {':v': N('0.00000000000000000000000000000000000001')}, {'error': 'Number overflow. Attempting to store a number with magnitude larger than supported range',
        'why': 'Amazon DynamoDB reports a sum needing more than 38 significant digits as an overflow (engine/value Add); DynamoDB Local says "DynamoDB only supports precision up to 38 digits"'}),
    # DELETE
    ('doc', 'DELETE ss :v', None, {':v': SS('a')}, {}),
    ('doc', 'DELETE ss :v', None, {':v': SS('a', 'b')}, {}),
    ('doc', 'DELETE ss :v', None, {':v': SS('b', 'a', 'z')}, {}),
    ('doc', 'DELETE ss :v', None, {':v': SS('z')}, {}),
    ('doc', 'DELETE ns :v', None, {':v': NS('1.00')}, {}),
    ('doc', 'DELETE bs :v', None, {':v': BS(b'\x01')}, {}),
    ('doc', 'DELETE x :v', None, {':v': SS('a')}, {}),
    ('doc', 'DELETE ss :v', None, {':v': NS(1)}, {}),
    ('doc', 'DELETE s :v', None, {':v': SS('a')}, {}),
    ('doc', 'DELETE l :v', None, {':v': SS('a')}, {}),
    ('doc', 'DELETE m.ss :v', None, {':v': SS('q')}, {'old': {'m': M(ss=SS('q'))}, 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'DELETE m.ss :v', None, {':v': SS('z')}, {'old': {'m': M(ss=SS('q'))}, 'new': {'m': M(ss=SS('q'))}, 'why': ALTERNATOR_NESTED}),
    ('doc', 'DELETE m.zz :v', None, {':v': SS('q')}, {'old': 'none', 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'DELETE m.x.y :v', None, {':v': SS('q')}, {}),
    ('doc', 'DELETE l[0] :v', None, {':v': SS('q')}, {}),
    ('doc', 'DELETE l[9] :v', None, {':v': SS('q')}, {'old': 'none', 'new': 'none', 'why': ALTERNATOR_NESTED}),
    ('doc', 'DELETE lss[0] :v', None, {':v': SS('q')}, {'old': {'lss': L(SS('q'))}, 'new': {'lss': L(S('x'))},
        'why': ALTERNATOR_NESTED + '; the emptied set leaves the list and x moves to lss[0]'}),
    # several clauses; the first error in SET, ADD, DELETE order
    ('doc', 'SET a = :v REMOVE s ADD n :w DELETE ss :x', None, {':v': S('x'), ':w': N(1), ':x': SS('a')}, {}),
    ('doc', 'SET a = x ADD s :n', None, {':n': N(1)}, {'error': 'The provided expression refers to an attribute that does not exist in the item',
        'why': 'DynamoDB Local reports one of the two errors depending on the attribute names (a hash order); we report the first in SET, ADD, DELETE order'}),
    ('doc', 'SET m.x.z = :v ADD s :n', None, {':v': S('x'), ':n': N(1)}, {}),
    ('doc', 'ADD s :n SET m.x.z = :v', None, {':v': S('x'), ':n': N(1)}, {}),
    ('doc', 'REMOVE s.y SET a = x', None, None, {}),
    ('doc', 'SET a = list_append(x, s), b = s + :n', None, {':n': N(1)}, {'error': 'The provided expression refers to an attribute that does not exist in the item',
        'why': 'DynamoDB Local reports one of the two errors depending on the attribute names (a hash order); we report the first in SET, ADD, DELETE order'}),
    # the item does not exist
    (None, 'SET a = :v', None, {':v': N(1)}, {}),
    (None, 'SET a = :v REMOVE b', None, {':v': N(1)}, {}),
    (None, 'ADD a :v', None, {':v': N(1)}, {}),
    (None, 'ADD a :v', None, {':v': SS('x')}, {}),
    (None, 'SET a = if_not_exists(a, :v)', None, {':v': N(1)}, {}),
    (None, 'SET a = b', None, None, {}),
    (None, 'SET a = list_append(a, :v)', None, {':v': L(N(1))}, {}),
    (None, 'SET a.b = :v', None, {':v': N(1)}, {}),
    (None, 'SET a[0] = :v', None, {':v': N(1)}, {}),
    (None, 'ADD a.b :v', None, {':v': N(1)}, {}),
    (None, 'REMOVE a', None, None, {'item': 'none', 'old': 'none', 'new': 'none',
        'why': 'Amazon DynamoDB does not create an item for an update that only removes (Alternator test_item.py test_update_item_non_existent, run against DynamoDB); DynamoDB Local creates it with only the key'}),
    (None, 'DELETE a :v', None, {':v': SS('x')}, {'item': 'none', 'old': 'none', 'new': 'none',
        'why': 'like REMOVE (Alternator creates no item for AttributeUpdates DELETE either); DynamoDB Local creates it with only the key'}),
    (None, 'REMOVE a.b', None, None, {'item': 'none', 'old': 'none', 'new': 'none',
        'why': 'Amazon DynamoDB ignores REMOVE of a nested path on a missing item (Alternator test_nested_attribute_remove_from_missing_item, run against DynamoDB); DynamoDB Local says the document path is invalid'}),
]

PROJECTIONS = [
    ('proj', 'n', None), ('proj', 'n, s', None), ('proj', 'zz', None), ('proj', 'n, zz', None), ('proj', 'pk', None),
    ('proj', 'l[1]', None), ('proj', 'l[2], l[0]', None), ('proj', 'l[9]', None), ('proj', 'l[1], l[9]', None),
    ('proj', 'l[9], l[8]', None), ('proj', 'm.k', None), ('proj', 'm.n.d, m.k', None), ('proj', 'm.n.d, m.n.zz', None),
    ('proj', 'l[3].x', None), ('proj', 'l[3].x, l[1]', None), ('proj', 'l[3].x, l[3].y', None), ('proj', 'l[4][1]', None),
    ('proj', 'l[4][1], l[4][0]', None), ('proj', 'm.l[1]', None), ('proj', 'm.zz', None), ('proj', 'm.k.z', None),
    ('proj', 's.z', None), ('proj', 's[0]', None), ('proj', 'l.z', None), ('proj', 'm[0]', None), ('proj', 'ss[0]', None),
    ('proj', 'l[3].zz', None), ('proj', 'l[3].x, l[9].x', None), ('proj', 'm.em', None), ('proj', 'm.em.x', None),
    ('proj', '#a.#b', {'#a': 'm', '#b': 'k'}), ('proj', '#a', {'#a': 'm.k'}), ('proj', '#d', {'#d': 'dot.name'}),
    ('proj', 'm, l', None), ('proj', 'm.n, l[3]', None), ('proj', 'l[0], m.l[0], m.n.e', None),
]


def call(op, **kw):
    try:
        r = getattr(client, op)(**kw)
        r.pop('ResponseMetadata', None)
        return r
    except ClientError as e:
        return 'error: ' + e.response['Error']['Message']


def setup():
    try:
        client.delete_table(TableName=TABLE)
    except ClientError:
        pass
    client.create_table(TableName=TABLE, AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
                        KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}], BillingMode='PAY_PER_REQUEST')


def reset(item):
    call('delete_item', TableName=TABLE, Key=KEY)
    if item is not None:
        r = call('put_item', TableName=TABLE, Item={**KEY, **ITEMS[item]})
        assert not isinstance(r, str), r


def env_kw(names, values):
    kw = {}
    if names:
        kw['ExpressionAttributeNames'] = names
    if values:
        kw['ExpressionAttributeValues'] = values
    return kw


def to_json(v):
    """An attribute value or item as DynamoDB JSON, B in base64."""
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_json(x) for x in v]
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(v).decode()
    return v


def dumps(v):
    return json.dumps(to_json(v), sort_keys=True, ensure_ascii=False)


def header(out, kind, item, expr, names, values):
    out.append('%s %s' % (kind, item or '-'))
    out.append('expr: ' + expr)
    if names:
        out.append('names: ' + dumps(names))
    if values:
        out.append('values: ' + dumps(values))


def strip_key(attrs):
    attrs = dict(attrs)
    attrs.pop('pk', None)
    return attrs


def record_conditions():
    out = ['# Condition evaluation; answers recorded from DynamoDB Local by record.py.', '']
    for item, expr, names, values in CONDITIONS:
        reset(item)
        r = call('put_item', TableName=TABLE, Item={**KEY, **ITEMS.get(item, {})}, ConditionExpression=expr,
                 **env_kw(names, values))
        if isinstance(r, str):
            answer = 'false' if 'conditional request failed' in r else r
        else:
            answer = 'true'
        header(out, 'eval', item, expr, names, values)
        out += ['----', answer, '']
    return out


def record_updates():
    out = ['# UpdateExpression application; answers recorded from DynamoDB Local by record.py,',
           '# except where a comment gives Amazon DynamoDB\'s answer and its evidence.', '']
    for item, expr, names, values, aws in UPDATES:
        answers = {}
        for rv in ('ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'):
            reset(item)
            r = call('update_item', TableName=TABLE, Key=KEY, UpdateExpression=expr, ReturnValues=rv,
                     **env_kw(names, values))
            answers[rv] = r
        local = []
        if isinstance(answers['ALL_NEW'], str):
            local.append(answers['ALL_NEW'])
        else:
            local.append('item: ' + dumps(strip_key(answers['ALL_NEW'].get('Attributes', {}))))
            for rv, key in (('UPDATED_OLD', 'old'), ('UPDATED_NEW', 'new')):
                attrs = answers[rv].get('Attributes')
                local.append('%s: %s' % (key, dumps(attrs) if attrs else 'none'))
        want = list(local)
        if aws:
            if 'error' in aws:
                want = ['error: ' + aws['error']]
            elif want[0].startswith('error: '):
                want = ['%s: %s' % (k, aws[k] if aws[k] == 'none' else dumps(aws[k])) for k in ('item', 'old', 'new')]
            else:
                for i, line in enumerate(want):
                    key = line.split(':', 1)[0]
                    if key in aws:
                        v = aws[key]
                        want[i] = '%s: %s' % (key, v if v == 'none' else dumps(v))
            if want != local:
                out.append('# ' + aws['why'] + '.')
                out.append('# DynamoDB Local: ' + ' | '.join(local))
        header(out, 'update', item, expr, names, values)
        out += ['----'] + want + ['']
    return out


def record_projections():
    out = ['# ProjectionExpression shapes; answers recorded from DynamoDB Local by record.py.', '']
    for item, expr, names in PROJECTIONS:
        reset(item)
        r = call('get_item', TableName=TABLE, Key=KEY, ProjectionExpression=expr, **env_kw(names, None))
        header(out, 'project', item, expr, names, None)
        out += ['----', r if isinstance(r, str) else dumps(r.get('Item', {})), '']
    return out


def main():
    setup()
    out = ['# Items of the cases (the key pk is left out).']
    for name, item in ITEMS.items():
        out.append('item %s %s' % (name, dumps(item)))
    items = out + ['']
    for name, fn in (('conditions.txt', record_conditions), ('updates.txt', record_updates),
                     ('projections.txt', record_projections)):
        lines = fn()
        with open(os.path.join(HERE, name), 'w') as f:
            f.write('\n'.join(items + lines).rstrip('\n') + '\n')
        print('wrote', name, file=sys.stderr)


if __name__ == '__main__':
    main()
