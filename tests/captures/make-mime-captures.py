#!/usr/bin/python3
"""Crafts small SMTP/POP captures (scapy, no network) for the MIME multipart and SMTP/POP edge cases.

Each capture is one TCP connection on 127.0.0.1 (handshake, then every piece below in its own segment, each
answered by an ACK, then FIN/ACK). Client port 40000+n, server 25 (SMTP) or 110 (POP).

mail/mime-multipart.pcap : SMTP sessions, one message per DATA (each message its own connection):
  1 multipart/mixed: preamble, text/plain, quoted-printable text/html, base64 application/octet-stream (raw data),
    base64 image/png (no dissector: "media"), epilogue (trailer)
  2 multipart/related holding a nested multipart/alternative; Content-Id, Content-Description, Content-Language,
    Content-Length, compact "c:" and "e:" header names, an unknown X- header, a part without headers
  3 multipart/mixed without a boundary parameter (tshark 4.0 takes the last parameter's value instead)
  4 multipart/mixed whose boundary never appears (body as data)
  5 multipart/mixed without the closing boundary (message cut short)
  6 multipart/mixed with a message/rfc822 part (IMF inside the part)
  7 multipart/mixed with parts of many media types (which go to data-text-lines, which to media; XML and JSON
    and form-urlencoded are left out: mako has no dissector for them)
  8 "Multipart/Mixed" spelled with capitals
  9 multipart with LF-only line ends
 10 a closing boundary not preceded by CRLF
 11 multipart/mixed with the boundary quoted and containing blanks, parameter after it
 12 multipart/mixed with nothing after the ';' (expert item: no required parameter)
 13 a text/plain part with Content-Encoding: gzip (inflated before it is shown)
mail/smtp-edge.pcap : one SMTP connection: EHLO, AUTH LOGIN answered with a command instead of a credential,
  AUTH LOGIN with user and password lines, AUTH PLAIN with the credential on the next line, STARTTLS with a
  parameter (refused with 501), MAIL/RCPT/DATA, the message in two segments, a segment holding only ".\r\n",
  a message whose last segment also holds "." and the next command (RSET), BDAT without LAST then BDAT LAST,
  QUIT.
mail/pop-edge.pcap : one POP connection: greeting, AUTH PLAIN with the "+ " continuation and the credential line,
  RETR 1 whose "+OK n octets" line and the start of the message share one segment (rest in a second segment),
  RETR 2 with the "+OK" line alone and the message in one segment, QUIT.
"""
import gzip
import os
from scapy.all import IP, TCP, Raw, wrpcap  # type: ignore

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail")
CLIENT, SERVER = "127.0.0.1", "127.0.0.1"


class Conn:
    """A TCP connection whose segments get consecutive timestamps."""

    def __init__(self, cport, sport, t0):
        self.cport, self.sport = cport, sport
        self.cseq, self.sseq = 1000, 5000
        self.t = t0
        self.pkts = []
        self._emit(True, "S", b"")
        self.cseq += 1
        self._emit(False, "SA", b"")
        self.sseq += 1
        self._emit(True, "A", b"")

    def _emit(self, from_client, flags, data):
        if from_client:
            p = IP(src=CLIENT, dst=SERVER) / TCP(sport=self.cport, dport=self.sport, flags=flags, seq=self.cseq,
                                                 ack=self.sseq if "A" in flags else 0, window=65535)
        else:
            p = IP(src=SERVER, dst=CLIENT) / TCP(sport=self.sport, dport=self.cport, flags=flags, seq=self.sseq,
                                                 ack=self.cseq, window=65535)
        if data:
            p = p / Raw(data)
        self.t += 0.001
        p.time = self.t
        self.pkts.append(p)

    def send(self, from_client, data):
        """One segment with data, then the peer's ACK."""
        if isinstance(data, str):
            data = data.encode()
        self._emit(from_client, "PA", data)
        if from_client:
            self.cseq += len(data)
        else:
            self.sseq += len(data)
        self._emit(not from_client, "A", b"")

    def c(self, data):
        self.send(True, data)

    def s(self, data):
        self.send(False, data)

    def close(self):
        self._emit(True, "FA", b"")
        self.cseq += 1
        self._emit(False, "FA", b"")
        self.sseq += 1
        self._emit(True, "A", b"")
        return self.pkts


def smtp_message(n, msg, t0):
    """One SMTP connection delivering msg (str, CRLF line ends unless the message says otherwise)."""
    c = Conn(40000 + n, 25, t0)
    c.s("220 mx.example.net ESMTP\r\n")
    c.c("EHLO client.example.org\r\n")
    c.s("250-mx.example.net\r\n250 8BITMIME\r\n")
    c.c("MAIL FROM:<alice@example.org>\r\n")
    c.s("250 2.1.0 Ok\r\n")
    c.c("RCPT TO:<bob@example.net>\r\n")
    c.s("250 2.1.5 Ok\r\n")
    c.c("DATA\r\n")
    c.s("354 End data with <CR><LF>.<CR><LF>\r\n")
    data = msg.encode() if isinstance(msg, str) else msg
    for i in range(0, len(data), 1400):
        c.c(data[i:i + 1400])
    c.c(".\r\n")
    c.s("250 2.0.0 Ok: queued\r\n")
    c.c("QUIT\r\n")
    c.s("221 2.0.0 Bye\r\n")
    return c.close()


HDR = ("From: Alice <alice@example.org>\r\nTo: Bob <bob@example.net>\r\nSubject: {subj}\r\n"
       "MIME-Version: 1.0\r\n")

B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

MSGS = [
    # 1 mixed with preamble, qp, base64, media, epilogue
    HDR.format(subj="Mixed parts") +
    'Content-Type: multipart/mixed; boundary="XYZ-1"\r\n\r\n'
    "This is a multi-part message in MIME format.\r\n"
    "--XYZ-1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 7bit\r\n\r\n"
    "Hello Bob,\r\nthe report is attached.\r\n"
    "--XYZ-1\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    "<p>Hello Bob,<br>the report is =\r\nattached. Caf=C3=A9</p>\r\n"
    "--XYZ-1\r\n"
    'Content-Type: application/octet-stream; name="report.bin"\r\n'
    "Content-Transfer-Encoding: base64\r\n"
    'Content-Disposition: attachment; filename="report.bin"\r\n\r\n'
    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\r\n"
    "--XYZ-1\r\n"
    'Content-Type: image/png; name="dot.png"\r\n'
    "Content-Transfer-Encoding: base64\r\n"
    'Content-Disposition: inline;\r\n filename="dot.png"\r\n\r\n'
    + B64 + "\r\n"
    "--XYZ-1--\r\n"
    "This is the epilogue.\r\n",
    # 2 related + nested alternative, assorted headers
    HDR.format(subj="Nested") +
    "Content-Type: multipart/related;\r\n\tboundary=outer; type=\"multipart/alternative\"\r\n\r\n"
    "--outer\r\n"
    "Content-Type: multipart/alternative; boundary=inner\r\n"
    "Content-Description: two versions\r\n\r\n"
    "--inner\r\n"
    "c: text/plain\r\n"
    "e: identity\r\n"
    "Content-Language: en\r\n\r\n"
    "Plain version.\r\n"
    "--inner\r\n"
    "Content-Type: text/html\r\n"
    "X-Extra: something\r\n"
    "Content-Length: 23\r\n\r\n"
    "<b>HTML version.</b>\r\n"
    "--inner--\r\n"
    "--outer\r\n"
    "Content-Id: <logo@example.org>\r\n"
    "Content-Type: text/plain\r\n\r\n"
    "Related text.\r\n"
    "--outer\r\n\r\n"
    "A part without headers.\r\n"
    "--outer--\r\n",
    # 3 no boundary parameter
    HDR.format(subj="No boundary") +
    "Content-Type: multipart/mixed; charset=us-ascii\r\n\r\n"
    "--abc\r\nContent-Type: text/plain\r\n\r\ntext\r\n--abc--\r\n",
    # 4 boundary never appears
    HDR.format(subj="Missing boundary") +
    "Content-Type: multipart/mixed; boundary=nothere\r\n\r\n"
    "--abc\r\nContent-Type: text/plain\r\n\r\ntext\r\n--abc--\r\n",
    # 5 no closing boundary
    HDR.format(subj="Cut short") +
    "Content-Type: multipart/mixed; boundary=cut\r\n\r\n"
    "--cut\r\nContent-Type: text/plain\r\n\r\nfirst\r\n"
    "--cut\r\nContent-Type: text/plain\r\n\r\nsecond, never closed\r\n",
    # 6 message/rfc822 part
    HDR.format(subj="Forward") +
    "Content-Type: multipart/mixed; boundary=\"fwd\"\r\n\r\n"
    "--fwd\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n"
    "--fwd\r\nContent-Type: message/rfc822\r\n\r\n"
    "From: carol@example.net\r\nSubject: Original\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
    "The original text.\r\n"
    "--fwd--\r\n",
    # 7 many media types
    HDR.format(subj="Types") +
    "Content-Type: multipart/mixed; boundary=t\r\n\r\n" +
    "".join(f"--t\r\nContent-Type: {t}\r\n\r\nbody of {t}\r\n" for t in [
        "text/plain", "text/html", "text/csv", "text/calendar", "text/richtext",
        "text/enriched", "text/css", "text/javascript", "application/pdf",
        "text/x-diff", "text/parameters", "TEXT/PLAIN", "text/rfc822-headers",
        "message/delivery-status", "application/pgp-signature", "text/tab-separated-values", "multipart/digest",
        "application/octet-streamx", "application/zip", "audio/basic", "video/mpeg", "message/partial",
    ]) + "--t--\r\n",
    # 8 capitals in the type
    HDR.format(subj="Capitals") +
    "Content-Type: Multipart/Mixed; Boundary=cap\r\n\r\n"
    "--cap\r\nContent-Type: Text/Plain\r\n\r\nshouting\r\n--cap--\r\n",
    # 9 LF-only line ends inside the body
    HDR.format(subj="LF only") +
    "Content-Type: multipart/mixed; boundary=lf\r\n\r\n"
    "--lf\nContent-Type: text/plain\n\nunix lines\n--lf\nContent-Type: text/plain\n\nmore\n--lf--\r\n",
    # 10 closing boundary glued to the body
    HDR.format(subj="Glued") +
    "Content-Type: multipart/mixed; boundary=glue\r\n\r\n"
    "--glue\r\nContent-Type: text/plain\r\n\r\nno line end before the close--glue--\r\n",
    # 11 quoted boundary with blanks, a parameter after it
    HDR.format(subj="Quoted") +
    "Content-Type: multipart/alternative; boundary=\"a b\\\"c\"; charset=x\r\n\r\n"
    "--a b\"c\r\nContent-Type: text/plain\r\n\r\nquoted\r\n--a b\"c--\r\n",
    # 12 no parameters at all
    HDR.format(subj="No parameters") +
    "Content-Type: multipart/mixed;\r\n\r\n"
    "--x\r\nContent-Type: text/plain\r\n\r\ntext\r\n--x--\r\n",
    # 13 gzip Content-Encoding (the compressed bytes hold no CR LF "." nor "--")
    (HDR.format(subj="Compressed") +
     "Content-Type: multipart/mixed; boundary=gz\r\n\r\n"
     "--gz\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n\r\n").encode()
    + gzip.compress(b"Compressed part number 0.\r\nSecond line of it.\r\n", mtime=0)
    + b"\r\n--gz--\r\n",
]


def mime_capture():
    pkts = []
    t = 1_700_000_000.0
    for n, m in enumerate(MSGS, 1):
        pkts += smtp_message(n, m, t)
        t += 1
    wrpcap(os.path.join(OUT, "mime-multipart.pcap"), pkts)


def smtp_edge():
    c = Conn(41000, 25, 1_700_001_000.0)
    c.s("220 mx.example.net ESMTP\r\n")
    c.c("EHLO client.example.org\r\n")
    c.s("250-mx.example.net\r\n250-AUTH PLAIN LOGIN\r\n250-STARTTLS\r\n250-CHUNKING\r\n250 PIPELINING\r\n")
    c.c("AUTH LOGIN\r\n")
    c.s("334 VXNlcm5hbWU6\r\n")
    c.c("NOOP\r\n")  # a command where the username was expected
    c.s("535 5.7.8 Error: authentication failed\r\n")
    c.c("AUTH LOGIN\r\n")
    c.s("334 VXNlcm5hbWU6\r\n")
    c.c("YWxpY2U=\r\n")
    c.s("334 UGFzc3dvcmQ6\r\n")
    c.c("czNjcmV0\r\n")
    c.s("535 5.7.8 Error: authentication failed\r\n")
    c.c("AUTH PLAIN\r\n")
    c.s("334 \r\n")
    c.c("AGFsaWNlAHMzY3JldA==\r\n")
    c.s("235 2.7.0 Authentication successful\r\n")
    c.c("STARTTLS now\r\n")
    c.s("501 5.5.4 Syntax error\r\n")
    c.c("MAIL FROM:<alice@example.org>\r\n")
    c.s("250 2.1.0 Ok\r\n")
    c.c("RCPT TO:<bob@example.net>\r\n")
    c.s("250 2.1.5 Ok\r\n")
    c.c("DATA\r\n")
    c.s("354 End data with <CR><LF>.<CR><LF>\r\n")
    c.c("From: alice@example.org\r\nSubject: Edge\r\n\r\n")
    c.c("Body line.\r\n")
    c.c(".\r\n")
    c.s("250 2.0.0 Ok: queued\r\n")
    c.c("MAIL FROM:<alice@example.org>\r\n")
    c.s("250 2.1.0 Ok\r\n")
    c.c("RCPT TO:<bob@example.net>\r\n")
    c.s("250 2.1.5 Ok\r\n")
    c.c("DATA\r\n")
    c.s("354 End data with <CR><LF>.<CR><LF>\r\n")
    c.c("Subject: last\r\n\r\nbye\r\n.\r\nRSET\r\n")
    c.s("250 2.0.0 Ok: queued\r\n250 2.0.0 Ok\r\n")
    c.c("MAIL FROM:<alice@example.org>\r\n")
    c.s("250 2.1.0 Ok\r\n")
    c.c("RCPT TO:<bob@example.net>\r\n")
    c.s("250 2.1.5 Ok\r\n")
    chunk1, chunk2 = "From: alice@example.org\r\nSubject: B\r\n\r\n", "Chunked.\r\n"
    c.c(f"BDAT {len(chunk1)}\r\n")
    c.c(chunk1)
    c.s(f"250 2.0.0 {len(chunk1)} octets received\r\n")
    c.c(f"BDAT {len(chunk2)} LAST\r\n")
    c.c(chunk2)
    c.s("250 2.0.0 Ok: queued\r\n")
    c.c("QUIT\r\n")
    c.s("221 2.0.0 Bye\r\n")
    wrpcap(os.path.join(OUT, "smtp-edge.pcap"), c.close())


POP_MSG1 = ("From: alice@example.org\r\nTo: bob@example.net\r\nSubject: One segment\r\n\r\n"
            "Line one.\r\nLine two.\r\n")
POP_MSG2 = "From: carol@example.net\r\nSubject: Two\r\n\r\nHi.\r\n"


def pop_edge():
    c = Conn(41100, 110, 1_700_002_000.0)
    c.s("+OK POP3 ready\r\n")
    c.c("AUTH PLAIN\r\n")
    c.s("+ \r\n")
    c.c("AGJvYgBzM2NyZXQ=\r\n")
    c.s("+OK Logged in.\r\n")
    c.c("RETR 1\r\n")
    m1 = POP_MSG1 + ".\r\n"
    c.s(f"+OK {len(POP_MSG1)} octets\r\n" + m1[:40])
    c.s(m1[40:])
    c.c("RETR 2\r\n")
    c.s(f"+OK {len(POP_MSG2)} octets\r\n")
    c.s(POP_MSG2 + ".\r\n")
    c.c("QUIT\r\n")
    c.s("+OK Logging out.\r\n")
    wrpcap(os.path.join(OUT, "pop-edge.pcap"), c.close())


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    mime_capture()
    smtp_edge()
    pop_edge()
