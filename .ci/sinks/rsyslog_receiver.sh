#!/usr/bin/env bash
# rsyslog receives SyslogSink messages on 127.0.0.1 UDP and TCP and on a Unix socket;
# it is stopped and restarted mid-run, and the backlog must arrive afterwards.
source "$(dirname "$0")/common.sh"
COUNT=${COUNT:-3000}
DIR=$WORK/receiver
mkdir -p "$DIR/state" "$DIR/out"
UDP_PORT=${UDP_PORT:-15514}
TCP_PORT=${TCP_PORT:-15515}
SOCKET=$DIR/log.sock
cat >"$DIR/rsyslog.conf" <<CONF
global(workDirectory="$DIR/state")
module(load="imuxsock" SysSock.Use="off")
module(load="imudp")
module(load="imtcp")
module(load="mmpstrucdata")
template(name="fields" type="string" string="%syslogseverity%\t%app-name%\t%hostname%\t%\$!rfc5424-sd%\n")
input(type="imudp" address="127.0.0.1" port="$UDP_PORT" ruleset="logbook")
input(type="imtcp" address="127.0.0.1" port="$TCP_PORT" ruleset="logbook")
input(type="imuxsock" socket="$SOCKET" useSpecialParser="off" parseHostname="on" ruleset="logbook")
ruleset(name="logbook") {
    action(type="mmpstrucdata")
    action(type="omfile" file="$DIR/out/received.tsv" template="fields")
}
CONF
start_rsyslog "$DIR/rsyslog.conf" "$DIR/rsyslog.pid"
sleep 0.5
# Three senders at once, one record per millisecond each; rsyslog is stopped after
# about 1 s and started again 1.5 s later.
"$HOST" syslog-send udp "127.0.0.1:$UDP_PORT" "$COUNT" 1000 2>"$DIR/udp.txt" &
udp=$!
"$HOST" syslog-send tcp "127.0.0.1:$TCP_PORT" "$COUNT" 1000 2>"$DIR/tcp.txt" &
tcp=$!
"$HOST" syslog-send unix "$SOCKET" "$COUNT" 1000 2>"$DIR/unix.txt" &
unix=$!
sleep 1
stop_rsyslog "$DIR/rsyslog.pid"
sleep 1.5
start_rsyslog "$DIR/rsyslog.conf" "$DIR/rsyslog.pid"
status=0
wait "$udp" || status=1
wait "$tcp" || status=1
wait "$unix" || status=1
touch "$DIR/out/received.tsv"
wait_until_stable "$DIR/out/received.tsv" 20
stop_rsyslog "$DIR/rsyslog.pid"
[ "$status" = 0 ] || { cat "$DIR"/*.txt; fail "a sender failed to drain its backlog"; }

python3 - "$DIR" "$COUNT" <<'PY'
import json, pathlib, sys
directory, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
severity_of = {0: 6, 1: 4, 2: 3, 3: 5}   # info, warning, error, notice by seq % 4
received = {"udp": [], "tcp": [], "unix": []}
problems = []
for line in (directory / "out/received.tsv").read_text().split("\n"):
    if not line:
        continue
    severity, app, host, sd = line.split("\t", 3)
    params = json.loads(sd)["logbook@32473"]
    seq = int(params["seq"])
    received[params["transport"]].append(seq)
    if int(severity) != severity_of[seq % 4]:
        problems.append(f"seq {seq}: severity {severity}")
    if app != "logbook-ci" or params.get("logger") != "ci.syslog" or params.get("user.id") != "7":
        problems.append(f"seq {seq}: app={app} params={params}")
failed = bool(problems)
for transport in ("udp", "tcp", "unix"):
    summary = (directory / f"{transport}.txt").read_text().strip().split("\n")[-1]
    report = dict(item.split("=") for item in summary.split())
    seqs = set(received[transport])
    first, last = int(report["first_backlogged"]), int(report["last_backlogged"])
    window = set(range(first, last + 1)) if first >= 0 else set()
    missing_in_backlog = sorted(window - seqs)
    lost = count - len(seqs)
    print(f"rsyslog {transport}: sent={count} received={len(seqs)} lost={lost} "
          f"duplicates={len(received[transport]) - len(seqs)} backlog_window={first}..{last} "
          f"backlog_missing={len(missing_in_backlog)} dropped={report['dropped']} failures={report['failures']}")
    if transport != "udp":
        # Everything written while the receiver was down must arrive after the restart.
        if first < 0 or missing_in_backlog:
            failed = True
            print(f"  backlog not delivered: missing {missing_in_backlog[:10]}")
for problem in problems[:5]:
    print("  wrong:", problem)
sys.exit(1 if failed else 0)
PY
