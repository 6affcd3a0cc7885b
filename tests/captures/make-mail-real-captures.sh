#!/usr/bin/env bash
# Records SMTP and POP3 between real software, in a private network namespace (run as root; needs tcpdump, curl,
# openssl, python3-aiosmtpd and dovecot-pop3d). Nothing touches the system's mail configuration: the servers run in
# namespace "mime-rec" with their own files under /tmp/mime-rec.*, and are stopped (by pid) at the end.
# The namespace's loopback gets an MTU of 1500 so that messages span several segments, as on a real network.
#
# mail/smtp-real-auth.pcap   curl -> aiosmtpd 1.4 on port 25, three connections:
#   1 AUTH PLAIN (credential after "334 "), a multipart/mixed message (text/plain, quoted-printable text/html,
#     base64 application/pdf attachment) spanning several segments, QUIT
#   2 AUTH LOGIN (user and password lines after "334" prompts), a short text message
#   3 AUTH PLAIN with a wrong password (535), QUIT
# mail/smtp-real-pipelining.pcap  python3 socket client -> aiosmtpd: MAIL FROM, RCPT TO, RCPT TO, DATA written in
#   one segment (curl does not pipeline), the 354 reply, the message with the "." line, QUIT
# mail/smtp-real-starttls.pcap    curl --ssl-reqd -> aiosmtpd: EHLO, STARTTLS, 220, TLS (self-signed certificate)
# mail/pop3-real.pcap  dovecot 2.3 pop3 on port 110:
#   1 python3 poplib (curl only logs in with SASL when the server offers it): USER, PASS with a wrong password (-ERR)
#   2 poplib: USER/PASS, STAT, LIST, UIDL, RETR 1 (the multipart message: dovecot writes "+OK n octets" and the
#     start of the message in one segment), QUIT
#   3 curl: CAPA, AUTH PLAIN answered by the "+ " continuation, the credential line, RETR 2, QUIT
#   4 curl: AUTH PLAIN, DELE 1 (curl -X DELE -I), QUIT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/mail"
ns=mime-rec
work=$(mktemp -d /tmp/mime-rec.XXXXXX)
chmod 755 "$work"  # dovecot's auth process (user dovecot) reads the passwd file below
pids=()

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns"
nsx() { ip netns exec "$ns" "$@"; }
nsx ip link set lo up
nsx ip link set lo mtu 1500

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
  -subj /CN=mx.example.net 2>/dev/null

# --- the messages ---------------------------------------------------------------------------------------------
/usr/bin/python3 - "$work" <<'EOF'
import sys, os
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.application import MIMEApplication
from email import charset, policy
work = sys.argv[1]
m = MIMEMultipart("mixed")
m["From"] = "Alice Example <alice@example.org>"
m["To"] = "Bob <bob@example.net>"
m["Subject"] = "Report with attachment"
m["Date"] = "Sat, 28 Nov 2026 10:00:00 +0000"
m["Message-ID"] = "<report.42@example.org>"
m.preamble = "This is a multi-part message in MIME format."
alt = MIMEMultipart("alternative")
alt.attach(MIMEText("Hello Bob,\nthe quarterly report is attached.\n\nAlice\n", "plain", "us-ascii"))
qp = charset.Charset("utf-8")
qp.body_encoding = charset.QP
alt.attach(MIMEText("<p>Hello Bob,</p><p>the quarterly report is attached. Caf\u00e9 \u00e0 l'heure \u2013 "
                    + "a long line so that quoted-printable has to wrap it " * 3 + "</p>", "html", qp))
m.attach(alt)
pdf = b"%PDF-1.4\n" + bytes(range(256)) * 12 + b"\n%%EOF\n"
att = MIMEApplication(pdf, "pdf", Name="report.pdf")
att["Content-Disposition"] = 'attachment; filename="report.pdf"'
m.attach(att)
open(os.path.join(work, "multipart.eml"), "wb").write(m.as_bytes(policy=policy.SMTP))
short = ("From: Alice Example <alice@example.org>\r\nTo: Bob <bob@example.net>\r\nSubject: Short note\r\n"
         "Date: Sat, 28 Nov 2026 10:05:00 +0000\r\nMessage-ID: <note.43@example.org>\r\n\r\nSee you at noon.\r\n")
open(os.path.join(work, "short.eml"), "wb").write(short.encode())
EOF

# --- aiosmtpd: AUTH PLAIN/LOGIN without TLS, STARTTLS with the self-signed certificate ----------------------
cat > "$work/smtpd.py" <<'EOF'
import signal, ssl, sys, threading
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

class Handler:
    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 Ok: queued"

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"alice" and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False)

work = sys.argv[1]
ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
ctx.load_cert_chain(f"{work}/cert.pem", f"{work}/key.pem")
c = Controller(Handler(), hostname="127.0.0.1", port=25, server_hostname="mx.example.net", tls_context=ctx,
               require_starttls=False, authenticator=authenticator, auth_require_tls=False)
c.start()
done = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: done.set())
done.wait()
c.stop()
EOF
ip netns exec "$ns" /usr/bin/python3 "$work/smtpd.py" "$work" &
pids+=($!)

# --- dovecot pop3: own config, state and mail under $work ----------------------------------------------------
mkdir -p "$work/dovecot/run" "$work/dovecot/state" "$work/home/bob"
cat > "$work/dovecot/dovecot.conf" <<EOF
base_dir = $work/dovecot/run
state_dir = $work/dovecot/state
log_path = $work/dovecot/log
protocols = pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1000
first_valid_gid = 1000
mail_location = mbox:$work/home/%u:INBOX=$work/home/%u/inbox
pop3_uidl_format = %08Xu%08Xv
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $work/dovecot/passwd
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=$work/home/%u
}
service pop3-login {
  inet_listener pop3 {
    port = 110
  }
}
service imap-login {
  inet_listener imap {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0600
  }
  unix_listener stats-writer {
    mode = 0600
  }
}
EOF
echo "bob:{PLAIN}pop-s3cret" > "$work/dovecot/passwd"
chmod 644 "$work/dovecot/passwd"
/usr/bin/python3 - "$work" <<'EOF'
import sys
work = sys.argv[1]
with open(f"{work}/home/bob/inbox", "wb") as f:
    for name in ("multipart.eml", "short.eml"):
        body = open(f"{work}/{name}", "rb").read().replace(b"\r\n", b"\n")
        f.write(b"From alice@example.org Sat Nov 28 10:00:00 2026\n" + body + b"\n")
EOF
chown -R 65534:65534 "$work/home"  # the mail user is nobody
ip netns exec "$ns" dovecot -c "$work/dovecot/dovecot.conf" -F &
pids+=($!)
sleep 2

record() {  # record NAME PORT COMMAND...
  local name=$1 port=$2
  shift 2
  ip netns exec "$ns" tcpdump -i lo -U -s 0 -w "$out/$name.pcap" "tcp port $port" 2>/dev/null &
  local tp=$!
  pids+=("$tp")
  sleep 1
  "$@"
  sleep 1
  kill -INT "$tp"
  wait "$tp" || true
}

smtp_auth() {
  local url=smtp://127.0.0.1:25
  nsx curl -sS "$url" --mail-from alice@example.org --mail-rcpt bob@example.net -u alice:s3cret \
    --login-options AUTH=PLAIN -T "$work/multipart.eml"
  nsx curl -sS "$url" --mail-from alice@example.org --mail-rcpt bob@example.net -u alice:s3cret \
    --login-options AUTH=LOGIN -T "$work/short.eml"
  nsx curl -sS "$url" --mail-from alice@example.org --mail-rcpt bob@example.net -u alice:wrong \
    --login-options AUTH=PLAIN -T "$work/short.eml" || true
}

smtp_pipelining() {
  nsx /usr/bin/python3 - "$work" <<'EOF'
import socket, sys, time
work = sys.argv[1]
s = socket.create_connection(("127.0.0.1", 25))
f = s.makefile("rb")
def reply():
    while True:
        line = f.readline()
        if line[3:4] != b"-":
            return line
reply()
s.sendall(b"EHLO client.example.org\r\n"); reply()
s.sendall(b"MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\nRCPT TO:<carol@example.net>\r\nDATA\r\n")
for _ in range(4):
    reply()
s.sendall(open(f"{work}/short.eml", "rb").read() + b".\r\n"); reply()
s.sendall(b"QUIT\r\n"); reply()
s.close()
EOF
}

smtp_starttls() {
  nsx curl -sS smtp://127.0.0.1:25 --ssl-reqd -k --mail-from alice@example.org --mail-rcpt bob@example.net \
    -u alice:s3cret -T "$work/short.eml"
}

pop3() {
  nsx /usr/bin/python3 - <<'EOF'
import poplib
p = poplib.POP3("127.0.0.1", 110)
p.user("bob")
try:
    p.pass_("wrong")
except poplib.error_proto:
    pass
p.quit()
p = poplib.POP3("127.0.0.1", 110)
p.user("bob")
p.pass_("pop-s3cret")
p.stat()
p.list()
p.uidl()
p.retr(1)
p.quit()
EOF
  nsx curl -sS pop3://127.0.0.1/2 -u bob:pop-s3cret -o /dev/null
  nsx curl -sS pop3://127.0.0.1/1 -u bob:pop-s3cret -X DELE -I
}

record smtp-real-auth 25 smtp_auth
record smtp-real-pipelining 25 smtp_pipelining
record smtp-real-starttls 25 smtp_starttls
record pop3-real 110 pop3
ls -l "$out"/*-real*.pcap
