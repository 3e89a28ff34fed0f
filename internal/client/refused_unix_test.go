//go:build unix

package client

import (
	"fmt"
	"syscall"
	"testing"
)

// refusingAddr returns a loopback address that refuses connections for the
// whole test. The port is bound but never listened on: the kernel answers a
// connection with a reset, and no other test can take the port meanwhile,
// as it could if the port were merely closed.
func refusingAddr(t *testing.T) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatalf("socket: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatalf("bind: %v", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatalf("getsockname: %v", err)
	}
	in4, ok := sa.(*syscall.SockaddrInet4)
	if !ok {
		t.Fatalf("getsockname returned %T", sa)
	}
	return fmt.Sprintf("127.0.0.1:%d", in4.Port)
}
