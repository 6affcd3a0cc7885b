/* udp-burst.c — the load for capture-loss.sh: sends COUNT UDP datagrams of SIZE bytes (default 18, so each frame is
 * 60 bytes on loopback) to 127.0.0.1:PORT as fast as the kernel takes them, from one socket, and prints how long
 * that took. A second socket bound to the port receives (and never reads), so no ICMP "port unreachable" replies
 * are generated; its receive buffer overflowing is irrelevant to packet capture, which sees every datagram sent.
 *   cc -O2 -o udp-burst udp-burst.c && ./udp-burst 1000000 9996 [18]
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: udp-burst COUNT PORT [SIZE]\n"); return 2; }
  long n = atol(argv[1]);
  int port = atoi(argv[2]);
  int size = argc > 3 ? atoi(argv[3]) : 18;
  if (n <= 0 || port <= 0 || port > 65535 || size < 0 || size > 1400) { fprintf(stderr, "bad arguments\n"); return 2; }
  int s = socket(AF_INET, SOCK_DGRAM, 0), r = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(0x7f000001);
  if (s < 0 || r < 0 || bind(r, (struct sockaddr *)&a, sizeof a) != 0) { perror("socket/bind"); return 1; }
  char p[1400];
  memset(p, 0, sizeof p);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long sent = 0;
  for (long i = 0; i < n; i++) {
    memcpy(p, &i, size < (int)sizeof i ? (size_t)size : sizeof i);   /* a sequence number, for eyeballing */
    if (sendto(s, p, (size_t)size, 0, (struct sockaddr *)&a, sizeof a) == size) sent++;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("%ld %.3f\n", sent, secs);
  return sent == n ? 0 : 1;
}
