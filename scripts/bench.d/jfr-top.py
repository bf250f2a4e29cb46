#!/usr/bin/env python3
"""Where a service's CPU went during a benchmark's measured run, from a JDK Flight Recording (BENCH_JFR).

usage: jfr-top.py RECORDING.jfr WINDOW.txt [TOP]

Reads the recording's execution samples (`jfr print --json`) whose time lies inside WINDOW (two epoch-ms numbers,
start and end, written by scripts/bench.d/saves-instances.sh) and prints: samples per thread kind, samples per library
of the innermost frame, the TOP (default 30) innermost methods, and the TOP methods by samples that include them
anywhere in the stack. A sample is one thread seen running Java code; kernel time and the JIT compilers are not in it.
"""
import collections
import datetime
import json
import re
import subprocess
import sys

LIBRARIES = [('jetty', 'org.eclipse.jetty'), ('jersey/hk2', 'org.glassfish'), ('jersey/hk2', 'org.jvnet'),
             ('jackson', 'com.fasterxml'), ('pgjdbc', 'org.postgresql'), ('jdbi', 'org.jdbi'),
             ('tomcat-jdbc', 'org.apache.tomcat'), ('nimbus', 'com.nimbusds'), ('metrics', 'com.codahale'),
             ('logback', 'ch.qos'), ('caffeine', 'com.github.benmanes'), ('hibernate-validator', 'org.hibernate'),
             ('service', 'com.intelia'), ('jdk', 'java.'), ('jdk', 'jdk.'), ('jdk', 'sun.')]


def epoch_ms(text):
    """An event's ISO-8601 time (nanosecond digits, Z or an offset) in ms since the epoch."""
    parts = re.match(r'([^.Z+]+)(?:\.(\d+))?(.*)', text.replace('Z', '+00:00'))
    moment = datetime.datetime.fromisoformat(parts.group(1) + parts.group(3))
    return int(moment.timestamp() * 1000) + int((parts.group(2) or '0')[:3].ljust(3, '0'))


def method(frame):
    return frame['method']['type']['name'].replace('/', '.') + '.' + frame['method']['name']


def main():
    recording, window = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    start, end = (int(x) for x in open(window).read().split())
    printed = subprocess.run(['jfr', 'print', '--json', '--events', 'jdk.ExecutionSample', recording],
                             capture_output=True, text=True, check=True).stdout
    threads, libraries, innermost, anywhere = (collections.Counter() for _ in range(4))
    samples = 0
    for event in json.loads(printed)['recording']['events']:
        values = event['values']
        frames = (values.get('stackTrace') or {}).get('frames') or []
        if not frames or not start <= epoch_ms(values['startTime']) <= end:
            continue
        samples += 1
        thread = values.get('sampledThread') or {}
        threads[re.sub(r'\d+', 'N', thread.get('javaName') or thread.get('osName') or '?')] += 1
        inner = method(frames[0])
        libraries[next((name for name, prefix in LIBRARIES if inner.startswith(prefix)), 'other')] += 1
        innermost[inner] += 1
        for name in {method(frame) for frame in frames}:
            anywhere[name] += 1
    print(f'{samples} samples between {start} and {end}')
    for title, counts, limit in (('threads', threads, 12), ('library of the innermost frame', libraries, 20),
                                 ('innermost methods', innermost, top), ('methods anywhere in the stack', anywhere, top)):
        print(f'-- {title}')
        for name, count in counts.most_common(limit):
            print(f'{count:7d} {100 * count / max(samples, 1):5.1f} %  {name}')


if __name__ == '__main__':
    main()
