#!/usr/bin/python3
"""Records real IMAP software: curl 7.88 (and a few raw-socket sessions) against dovecot 2.3 (run as root; needs
dovecot-imapd, tcpdump, curl, openssl, ethtool, iproute2).

Everything runs inside a network namespace of its own ("imap-rec") on its loopback, whose MTU is lowered to 1000
with segmentation offloads off so a message spans several TCP segments as on a real network. dovecot runs with its
own configuration and state under /tmp/imap-rec (passwd-file users, maildir), never the system configuration.

mail/imap-curl.pcap : curl's default session (CAPABILITY, AUTHENTICATE PLAIN with SASL-IR, ..., LOGOUT), one TCP
      connection per curl run, in this order:
   1  LIST "" *                                    2  a failed AUTHENTICATE (wrong password)
   3  SELECT INBOX, EXAMINE INBOX (-X)             4  SELECT, FETCH 1 BODY[]: a 7 kB message in a {n} literal
                                                      spanning many segments (tshark hands it to IMF)
   5  SELECT, UID FETCH 2 BODY[] (small message)   6  SELECT, UID SEARCH SUBJECT report (-X)
   7  SELECT, SEARCH SUBJECT report (URL query)    8  SELECT, STORE 1 +FLAGS (\\Flagged) (-X)
   9  CREATE Archive; COPY 1 Archive; STATUS INBOX (MESSAGES UNSEEN); UID COPY 2 Archive (one run each, -X)
  10  APPEND INBOX: the client sends a {n} literal after the server's "+ OK" continuation (curl -T)
mail/imap-starttls.pcap : curl --ssl-reqd: CAPABILITY, STARTTLS, "OK Begin TLS negotiation now", then TLS.
mail/imap-imaplib.pcap : python's imaplib (the LOGIN command: curl 7.88 always prefers SASL): a failed LOGIN
      ("NO [AUTHENTICATIONFAILED]"), LOGIN alice "wonderland", LIST, SELECT, FETCH 1 (RFC822) (the 7 kB literal),
      UID SEARCH ALL, UID FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)]), STORE, COPY, CLOSE, LOGOUT.
mail/imap-raw.pcap : a scripted socket client, for what the libraries do not send: LOGIN with an unquoted password,
      two commands pipelined in one segment (SELECT INBOX and NOOP), IDLE / "+ idling" / DONE,
      FETCH 1:2 (FLAGS BODY.PEEK[HEADER]) (two literals in one response), CREATE, RENAME, DELETE, a lower-case
      "uid fetch", LOGOUT.

Every process started here is stopped by its pid; the namespace and /tmp/imap-rec are removed at the end.
"""
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time

NS = "imap-rec"
TMP = "/tmp/imap-rec"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail")
USER, PASSWORD = "alice", "wonderland"

BIG = (
    "Return-Path: <bob@example.net>\r\n"
    "From: Bob Example <bob@example.net>\r\n"
    "To: Alice <alice@example.org>\r\n"
    "Subject: Quarterly report\r\n"
    "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
    "Message-ID: <20261128100000.7@example.net>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n"
    + "".join(f"Line {i:03d} of the quarterly report, long enough that the message spans many segments.\r\n"
              for i in range(80))
)
SMALL = (
    "From: Carol <carol@example.net>\r\n"
    "To: alice@example.org\r\n"
    "Subject: Lunch?\r\n"
    "Date: Sat, 28 Nov 2026 11:00:00 +0000\r\n"
    "\r\n"
    "Noon at the usual place?\r\n"
)
UPLOAD = (
    "From: Alice <alice@example.org>\r\n"
    "To: bob@example.net\r\n"
    "Subject: Draft reply\r\n"
    "\r\n"
    "Thanks, looks good.\r\n"
)

CONF = f"""
base_dir = {TMP}/run
state_dir = {TMP}/state
log_path = {TMP}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{TMP}/cert.pem
ssl_key = <{TMP}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {TMP}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={TMP}/home/%u
}}
mail_location = maildir:{TMP}/mail/%u
service imap-login {{
  inet_listener imap {{
    port = 143
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def sh(*cmd, ns=False, check=True):
    full = (["ip", "netns", "exec", NS] if ns else []) + list(cmd)
    return subprocess.run(full, check=check, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def setup():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(f"{TMP}/run")
    sh("ip", "netns", "add", NS)
    sh("ip", "link", "set", "lo", "up", ns=True)
    sh("ip", "link", "set", "lo", "mtu", "1000", ns=True)
    sh("ethtool", "-K", "lo", "tso", "off", "gso", "off", "gro", "off", ns=True, check=False)
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=mail.example.net",
       "-keyout", f"{TMP}/key.pem", "-out", f"{TMP}/cert.pem")
    with open(f"{TMP}/passwd", "w") as f:
        f.write(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    with open(f"{TMP}/dovecot.conf", "w") as f:
        f.write(CONF)
    nobody = pwd.getpwnam("nobody")
    maildir = f"{TMP}/mail/{USER}"
    for sub in ("cur", "new", "tmp"):
        os.makedirs(f"{maildir}/{sub}")
    for i, msg in enumerate((BIG, SMALL), 1):
        with open(f"{maildir}/cur/17940000{i:02d}.M{i}P1.mail:2,", "w", newline="") as f:
            f.write(msg)
    os.makedirs(f"{TMP}/home/{USER}")
    for root, dirs, files in os.walk(TMP):
        if root.startswith((f"{TMP}/mail", f"{TMP}/home")):
            for n in dirs + files:
                os.chown(os.path.join(root, n), nobody.pw_uid, nobody.pw_gid)
    os.chown(f"{TMP}/mail", nobody.pw_uid, nobody.pw_gid)
    os.chown(f"{TMP}/home", nobody.pw_uid, nobody.pw_gid)
    with open(f"{TMP}/upload.eml", "w", newline="") as f:
        f.write(UPLOAD)


def start_dovecot():
    p = subprocess.Popen(["ip", "netns", "exec", NS, "dovecot", "-F", "-c", f"{TMP}/dovecot.conf"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        if sh("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/143", ns=True, check=False).returncode == 0:
            return p
        time.sleep(0.2)
    raise SystemExit("dovecot did not start: see " + TMP + "/dovecot.log")


def record(name, session):
    path = os.path.join(OUT, name)
    dump = subprocess.Popen(["ip", "netns", "exec", NS, "tcpdump", "-i", "lo", "-U", "--immediate-mode", "-s", "0",
                             "-w", path, "tcp port 143"], stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    try:
        session()
    finally:
        time.sleep(1.5)
        dump.terminate()
        dump.wait(timeout=10)


def curl(*args):
    base = ["curl", "-s", "--max-time", "20", "-u", f"{USER}:{PASSWORD}"]
    r = sh(*(base + list(args)), ns=True, check=False)
    time.sleep(0.3)
    return r


def curl_session():
    url = "imap://127.0.0.1"
    curl(f"{url}/")
    sh("curl", "-s", "--max-time", "20", "-u", f"{USER}:wrong", f"{url}/", ns=True, check=False)
    time.sleep(0.3)
    curl(f"{url}/INBOX", "-X", "EXAMINE INBOX")
    curl(f"{url}/INBOX;MAILINDEX=1")
    curl(f"{url}/INBOX;UID=2")
    curl(f"{url}/INBOX", "-X", "UID SEARCH SUBJECT report")
    curl(f"{url}/INBOX?SUBJECT%20report")
    curl(f"{url}/INBOX", "-X", "STORE 1 +FLAGS (\\Flagged)")
    curl(f"{url}/", "-X", "CREATE Archive")
    curl(f"{url}/INBOX", "-X", "COPY 1 Archive")
    curl(f"{url}/", "-X", "STATUS INBOX (MESSAGES UNSEEN)")
    curl(f"{url}/INBOX", "-X", "UID COPY 2 Archive")
    curl(f"{url}/INBOX", "-T", f"{TMP}/upload.eml")


def starttls_session():
    curl("imap://127.0.0.1/", "--ssl-reqd", "-k")


RAW_CLIENT = r'''
import socket, time
s = socket.create_connection(("127.0.0.1", 143))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
f = s.makefile("rb")
def until(tag):
    while True:
        line = f.readline()
        if not line or line.startswith(tag.encode() + b" "):
            return
def cmd(text, tag):
    s.sendall(text.encode())
    until(tag)
    time.sleep(0.1)
f.readline()
cmd("a1 LOGIN alice wonderland\r\n", "a1")
s.sendall(b"a2 SELECT INBOX\r\na3 NOOP\r\n")
until("a2"); until("a3"); time.sleep(0.1)
s.sendall(b"a4 IDLE\r\n")
f.readline(); time.sleep(0.3)
cmd("DONE\r\n", "a4")
cmd("a5 FETCH 1:2 (FLAGS BODY.PEEK[HEADER])\r\n", "a5")
cmd("a6 CREATE Old\r\n", "a6")
cmd("a7 RENAME Old Older\r\n", "a7")
cmd("a8 DELETE Older\r\n", "a8")
cmd("a9 uid fetch 1:* (FLAGS)\r\n", "a9")
cmd("a10 LOGOUT\r\n", "a10")
s.close()
'''


IMAPLIB_CLIENT = r'''
import imaplib
c = imaplib.IMAP4("127.0.0.1", 143)
try:
    c.login("alice", "wrong")
except imaplib.IMAP4.error:
    pass
c.login("alice", "wonderland")
c.list()
c.select("INBOX")
c.fetch("1", "(RFC822)")
c.uid("SEARCH", None, "ALL")
c.uid("FETCH", "2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
c.store("2", "+FLAGS", "(\\Seen)")
c.copy("2", "INBOX")
c.close()
c.logout()
'''


def imaplib_session():
    sh("python3", "-c", IMAPLIB_CLIENT, ns=True)


def raw_session():
    sh("python3", "-c", RAW_CLIENT, ns=True)


def teardown(dovecot):
    if dovecot is not None:
        dovecot.terminate()
        dovecot.wait(timeout=10)
    sh("ip", "netns", "delete", NS, check=False)
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    which = sys.argv[1:] or ["curl", "starttls", "imaplib", "raw"]
    dovecot = None
    try:
        setup()
        dovecot = start_dovecot()
        if "curl" in which:
            record("imap-curl.pcap", curl_session)
        if "starttls" in which:
            record("imap-starttls.pcap", starttls_session)
        if "imaplib" in which:
            record("imap-imaplib.pcap", imaplib_session)
        if "raw" in which:
            record("imap-raw.pcap", raw_session)
    finally:
        teardown(dovecot)
