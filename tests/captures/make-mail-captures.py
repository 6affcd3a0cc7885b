#!/usr/bin/python3
"""Records real mail software talking on loopback (run as root; needs tcpdump).

mail/pop3.pcap  : python's poplib client against the tiny POP3 server below (port 110): greeting, CAPA, USER, PASS
                  (in clear), STAT, LIST, UIDL, RETR 1 (the "+OK n octets" line sent alone, then the message in
                  600-byte writes so it spans several segments), TOP 1 0, RETR 2 (the "+OK" line and the message in ONE
                  write: tshark's known miss), a bad command (-ERR), DELE 1, QUIT.
mail/smtp.pcap  : python's smtplib client against python's smtpd.SMTPServer (port 25): 220 banner, EHLO, multi-line
                  250- reply, MAIL FROM, RCPT TO (x2), DATA, 354, the message, ".", 250, QUIT, 221.

Everything is bounded: servers serve one connection and exit; tcpdump is stopped by pid.
"""
import os
import socket
import subprocess
import sys
import threading
import time
import poplib
import smtplib
import warnings

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail")

MSG1 = (
    "Return-Path: <alice@example.org>\r\n"
    "Received: from client.example.org (localhost [127.0.0.1])\r\n"
    "\tby mail.example.net with ESMTP id 42\r\n"
    "\tfor <bob@example.net>; Sat, 28 Nov 2026 10:00:00 +0000\r\n"
    "From: Alice Example <alice@example.org>\r\n"
    "To: Bob <bob@example.net>\r\n"
    "Cc: carol@example.net\r\n"
    "Subject: Quarterly report\r\n"
    "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
    "Message-ID: <20261128100000.42@example.org>\r\n"
    "MIME-Version: 1.0\r\n"
    "User-Agent: mako-test/1.0\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n"
    + "".join(f"Line {i:03d} of the quarterly report, padded so the body spans several TCP segments.\r\n" for i in range(40))
)
MSG2 = (
    "From: bob@example.net\r\n"
    "To: alice@example.org\r\n"
    "Subject: Re: Quarterly report\r\n"
    "\r\n"
    "Thanks!\r\n"
)


def pop_server(sock):
    conn, _ = sock.accept()
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    f = conn.makefile("rb")

    def send(s):
        conn.sendall(s.encode())
        time.sleep(0.02)

    def body(msg):
        # Byte-stuff lines starting with '.', then the terminator.
        lines = msg.split("\r\n")[:-1]
        return "".join(("." + l if l.startswith(".") else l) + "\r\n" for l in lines) + ".\r\n"

    send("+OK POP3 server ready <1896.697170952@mail.example.net>\r\n")
    while True:
        line = f.readline()
        if not line:
            break
        cmd = line.decode().strip()
        verb = cmd.split(" ")[0].upper()
        if verb == "CAPA":
            send("+OK Capability list follows\r\nTOP\r\nUSER\r\nUIDL\r\n.\r\n")
        elif verb == "USER":
            send("+OK send PASS\r\n")
        elif verb == "PASS":
            send("+OK Logged in.\r\n")
        elif verb == "STAT":
            send(f"+OK 2 {len(MSG1) + len(MSG2)}\r\n")
        elif verb == "LIST":
            send(f"+OK 2 messages:\r\n1 {len(MSG1)}\r\n2 {len(MSG2)}\r\n.\r\n")
        elif verb == "UIDL":
            send("+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n")
        elif cmd.upper() == "RETR 1":
            send(f"+OK {len(MSG1)} octets\r\n")
            b = body(MSG1).encode()
            for i in range(0, len(b), 600):
                conn.sendall(b[i:i + 600])
                time.sleep(0.02)
        elif verb == "TOP":
            head = MSG1.split("\r\n\r\n")[0] + "\r\n\r\n"
            send("+OK\r\n" + body(head))
        elif cmd.upper() == "RETR 2":
            send(f"+OK {len(MSG2)} octets\r\n" + body(MSG2))
        elif verb == "DELE":
            send("+OK message 1 deleted\r\n")
        elif verb == "QUIT":
            send("+OK Logging out.\r\n")
            break
        else:
            send("-ERR Unknown command.\r\n")
    conn.close()


def record(name, port, session):
    path = os.path.join(OUT, name)
    dump = subprocess.Popen(["tcpdump", "-i", "lo", "-U", "--immediate-mode", "-s", "0", "-w", path, f"tcp port {port}"],
                            stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    try:
        session()
    finally:
        time.sleep(2.0)
        dump.terminate()
        dump.wait(timeout=10)


def pop_session():
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 110))
    srv.listen(1)
    t = threading.Thread(target=pop_server, args=(srv,), daemon=True)
    t.start()
    c = poplib.POP3("127.0.0.1", 110, timeout=10)
    c.capa()
    c.user("alice")
    c.pass_("s3cret")
    c.stat()
    c.list()
    c.uidl()
    c.retr(1)
    c.top(1, 0)
    c.retr(2)
    try:
        c._shortcmd("XYZZY")
    except poplib.error_proto:
        pass
    c.dele(1)
    c.quit()
    t.join(timeout=10)
    srv.close()


def smtp_session():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import smtpd
        import asyncore

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kw):
            return None

    server = Sink(("127.0.0.1", 25), None, decode_data=False)
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            asyncore.loop(timeout=0.05, count=1)

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    c = smtplib.SMTP("127.0.0.1", 25, local_hostname="client.example.org", timeout=10)
    c.ehlo("client.example.org")
    c.sendmail("alice@example.org", ["bob@example.net", "carol@example.net"], MSG1.replace("\r\n", "\n"))
    c.quit()
    time.sleep(0.3)
    stop.set()
    t.join(timeout=5)
    server.close()


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    which = sys.argv[1:] or ["pop", "smtp"]
    if "pop" in which:
        record("pop3.pcap", 110, pop_session)
    if "smtp" in which:
        record("smtp.pcap", 25, smtp_session)
