#!/usr/bin/python3
"""Writes the captures of the mail statistics and export tests (-z credentials, -z smtp,stat/pop,stat,
--export-objects imf). Crafted with scapy: every TCP connection is a handshake, the segments listed below (client
"C", server "S"; each one TCP segment with correct sequence numbers) and a FIN/ACK teardown, 1 ms apart.

mail/credentials.pcap
  1. POP 10.0.0.1:40001 -> 10.0.0.2:110: greeting, USER alice, +OK, PASS wrong, -ERR, USER bob (tshark keeps the
     first user name of a conversation), PASS s3cret, +OK, QUIT, +OK.
  2. POP 10.0.0.3:40002 -> 10.0.0.2:110: greeting, PASS without USER (tshark prints "(null)"), -ERR, QUIT.
  3. SMTP 10.0.0.1:40003 -> 10.0.0.4:25: 220, EHLO, 250, AUTH LOGIN, 334, base64 user, 334, base64 password, 235,
     QUIT, 221.
  4. SMTP 10.0.0.5:40004 -> 10.0.0.4:587: 220, AUTH LOGIN, 334, user, 334, wrong password, 535 (failed), AUTH PLAIN
     with the credentials on the line, 235, QUIT, 221.
  5. SMTP 10.0.0.6:40005 -> 10.0.0.4:25: 220, AUTH LOGIN with the user name on the line, 334, password, 235, QUIT.
  6. SMTP 10.0.0.7:40006 -> 10.0.0.4:25: 220, AUTH PLAIN alone, 334, base64 authzid/user/password, 535, QUIT.
  7. IMAP 10.0.0.8:40007 -> 10.0.0.9:143: greeting, a001 LOGIN with quoted user and password, a001 NO, a002 LOGIN
     unquoted, a002 OK, a003 LOGOUT, BYE, a003 OK.
mail/export.pcap
  1. SMTP 10.0.1.1:41001 -> 10.0.1.2:25, one DATA per message: subjects "../../x" (path traversal attempt),
     'a/b\\c:d*e?f"g<h>i|j' (every character tshark escapes), "Dup" twice (name clash: "Dup(1).eml"), none, a latin-1
     byte (0xe9), 300 characters (cut to 255 bytes keeping ".eml"), a folded subject (CRLF + tab kept), "Blank
     end" whose body ends with an empty line before the "." (tshark's message leaves that empty line out).
  3. IMAP 10.0.1.4:41003 -> 10.0.1.2:143 (after the POP connection): LOGIN, a2 FETCH 1 BODY[] answered with a
     literal holding a message with the subject "Via IMAP", a2 OK, LOGOUT.
  2. POP 10.0.1.3:41002 -> 10.0.1.2:110: RETR 1 answered "+OK 88 octets", the 88-byte message in one segment, and
     the terminating ".\\r\\n" alone in the next segment (tshark 4.0 exports it as a 3-byte message).
"""
import base64
import os

from scapy.all import IP, TCP, Ether, wrpcap

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail")
T0 = 1764410000.0


class Conn:
    """One TCP connection; records packets in order with increasing timestamps."""

    def __init__(self, pkts, clock, cli, cport, srv, sport):
        self.pkts, self.clock = pkts, clock
        self.cli, self.cport, self.srv, self.sport = cli, cport, srv, sport
        self.cseq, self.sseq = 1000, 5000
        self._emit(True, "S", b"")
        self.cseq += 1
        self._emit(False, "SA", b"", ack=self.cseq)
        self.sseq += 1
        self._emit(True, "A", b"")

    def _emit(self, client, flags, payload, ack=None):
        if client:
            ip = IP(src=self.cli, dst=self.srv)
            tcp = TCP(sport=self.cport, dport=self.sport, flags=flags, seq=self.cseq,
                      ack=self.sseq if ack is None else ack, window=65535)
        else:
            ip = IP(src=self.srv, dst=self.cli)
            tcp = TCP(sport=self.sport, dport=self.cport, flags=flags, seq=self.sseq,
                      ack=self.cseq if ack is None else ack, window=65535)
        if flags == "S":
            tcp.ack = 0
        p = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / ip / tcp
        if payload:
            p = p / payload
        self.clock[0] += 0.001
        p.time = T0 + self.clock[0]
        self.pkts.append(p)

    def c(self, data):
        self._emit(True, "PA", data)
        self.cseq += len(data)

    def s(self, data):
        self._emit(False, "PA", data)
        self.sseq += len(data)

    def close(self):
        self._emit(True, "FA", b"")
        self.cseq += 1
        self._emit(False, "FA", b"")
        self.sseq += 1
        self._emit(True, "A", b"")


def b64(s):
    return base64.b64encode(s.encode()).decode()


def credentials():
    pkts, clock = [], [0.0]
    c = Conn(pkts, clock, "10.0.0.1", 40001, "10.0.0.2", 110)
    c.s(b"+OK POP3 ready\r\n")
    c.c(b"USER alice\r\n")
    c.s(b"+OK\r\n")
    c.c(b"PASS wrong\r\n")
    c.s(b"-ERR invalid password\r\n")
    c.c(b"USER bob\r\n")
    c.s(b"+OK\r\n")
    c.c(b"PASS s3cret\r\n")
    c.s(b"+OK Logged in.\r\n")
    c.c(b"QUIT\r\n")
    c.s(b"+OK Bye\r\n")
    c.close()

    c = Conn(pkts, clock, "10.0.0.3", 40002, "10.0.0.2", 110)
    c.s(b"+OK POP3 ready\r\n")
    c.c(b"PASS nouser\r\n")
    c.s(b"-ERR USER first\r\n")
    c.c(b"QUIT\r\n")
    c.s(b"+OK Bye\r\n")
    c.close()

    c = Conn(pkts, clock, "10.0.0.1", 40003, "10.0.0.4", 25)
    c.s(b"220 mail.example.net ESMTP\r\n")
    c.c(b"EHLO client.example.org\r\n")
    c.s(b"250-mail.example.net\r\n250 AUTH LOGIN PLAIN\r\n")
    c.c(b"AUTH LOGIN\r\n")
    c.s(b"334 VXNlcm5hbWU6\r\n")
    c.c((b64("carol@example.org") + "\r\n").encode())
    c.s(b"334 UGFzc3dvcmQ6\r\n")
    c.c((b64("p4ssw0rd") + "\r\n").encode())
    c.s(b"235 2.7.0 Authentication successful\r\n")
    c.c(b"QUIT\r\n")
    c.s(b"221 Bye\r\n")
    c.close()

    c = Conn(pkts, clock, "10.0.0.5", 40004, "10.0.0.4", 587)
    c.s(b"220 mail.example.net ESMTP\r\n")
    c.c(b"AUTH LOGIN\r\n")
    c.s(b"334 VXNlcm5hbWU6\r\n")
    c.c((b64("dave") + "\r\n").encode())
    c.s(b"334 UGFzc3dvcmQ6\r\n")
    c.c((b64("guess") + "\r\n").encode())
    c.s(b"535 5.7.8 Authentication credentials invalid\r\n")
    c.c(("AUTH PLAIN " + b64("\0dave\0right") + "\r\n").encode())
    c.s(b"235 2.7.0 Authentication successful\r\n")
    c.c(b"QUIT\r\n")
    c.s(b"221 Bye\r\n")
    c.close()

    c = Conn(pkts, clock, "10.0.0.6", 40005, "10.0.0.4", 25)
    c.s(b"220 mail.example.net ESMTP\r\n")
    c.c(("AUTH LOGIN " + b64("erin") + "\r\n").encode())
    c.s(b"334 UGFzc3dvcmQ6\r\n")
    c.c((b64("erinpw") + "\r\n").encode())
    c.s(b"235 2.7.0 Authentication successful\r\n")
    c.c(b"QUIT\r\n")
    c.s(b"221 Bye\r\n")
    c.close()

    c = Conn(pkts, clock, "10.0.0.7", 40006, "10.0.0.4", 25)
    c.s(b"220 mail.example.net ESMTP\r\n")
    c.c(b"AUTH PLAIN\r\n")
    c.s(b"334 \r\n")
    c.c((b64("frank\0frank\0nope") + "\r\n").encode())
    c.s(b"535 5.7.8 Authentication credentials invalid\r\n")
    c.c(b"QUIT\r\n")
    c.s(b"221 Bye\r\n")
    c.close()

    c = Conn(pkts, clock, "10.0.0.8", 40007, "10.0.0.9", 143)
    c.s(b"* OK IMAP4rev1 ready\r\n")
    c.c(b'a001 LOGIN "gina" "wrong pw"\r\n')
    c.s(b"a001 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n")
    c.c(b"a002 LOGIN gina s3cret\r\n")
    c.s(b"a002 OK LOGIN completed\r\n")
    c.c(b"a003 LOGOUT\r\n")
    c.s(b"* BYE\r\na003 OK LOGOUT completed\r\n")
    c.close()
    wrpcap(os.path.join(OUT, "credentials.pcap"), pkts)


def message(subject_line, body="Hello.\r\n"):
    head = b"From: Alice <alice@example.org>\r\nTo: bob@example.net\r\n"
    if subject_line is not None:
        head += b"Subject: " + subject_line + b"\r\n"
    return head + b"\r\n" + body.encode()


def export():
    pkts, clock = [], [0.0]
    c = Conn(pkts, clock, "10.0.1.1", 41001, "10.0.1.2", 25)
    c.s(b"220 mail.example.net ESMTP\r\n")
    c.c(b"HELO client\r\n")
    c.s(b"250 mail.example.net\r\n")
    subjects = [b"../../x", b'a/b\\c:d*e?f"g<h>i|j', b"Dup", b"Dup", None, b"caf\xe9", b"L" * 300,
                b"folded\r\n\tsubject", b"Blank end"]
    for s in subjects:
        c.c(b"MAIL FROM:<alice@example.org>\r\n")
        c.s(b"250 OK\r\n")
        c.c(b"RCPT TO:<bob@example.net>\r\n")
        c.s(b"250 OK\r\n")
        c.c(b"DATA\r\n")
        c.s(b"354 Go ahead\r\n")
        # The last message ends with an empty line: tshark leaves that line out of the message.
        c.c(message(s, "Hello.\r\n\r\n" if s == b"Blank end" else "Hello.\r\n") + b".\r\n")
        c.s(b"250 OK queued\r\n")
    c.c(b"QUIT\r\n")
    c.s(b"221 Bye\r\n")
    c.close()

    c = Conn(pkts, clock, "10.0.1.3", 41002, "10.0.1.2", 110)
    msg = message(b"Dot apart", body="x" * 10 + "\r\n")
    assert len(msg) == 88, len(msg)
    c.s(b"+OK POP3 ready\r\n")
    c.c(b"USER alice\r\n")
    c.s(b"+OK\r\n")
    c.c(b"PASS s3cret\r\n")
    c.s(b"+OK\r\n")
    c.c(b"RETR 1\r\n")
    c.s(b"+OK 88 octets\r\n")
    c.s(msg)
    c.s(b".\r\n")
    c.c(b"QUIT\r\n")
    c.s(b"+OK Bye\r\n")
    c.close()

    c = Conn(pkts, clock, "10.0.1.4", 41003, "10.0.1.2", 143)
    msg = message(b"Via IMAP")
    c.s(b"* OK IMAP4rev1 ready\r\n")
    c.c(b"a1 LOGIN alice s3cret\r\n")
    c.s(b"a1 OK LOGIN completed\r\n")
    c.c(b"a2 FETCH 1 BODY[]\r\n")
    c.s(b"* 1 FETCH (BODY[] {%d}\r\n" % len(msg) + msg + b")\r\na2 OK FETCH completed\r\n")
    c.c(b"a3 LOGOUT\r\n")
    c.s(b"* BYE\r\na3 OK LOGOUT completed\r\n")
    c.close()
    wrpcap(os.path.join(OUT, "export.pcap"), pkts)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    credentials()
    export()
