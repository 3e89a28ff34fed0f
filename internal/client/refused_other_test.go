//go:build !unix

package client

import (
	"net"
	"testing"
)

// refusingAddr returns a loopback port that was just closed. Without the
// unix bind-only socket another process may take it, so this is best effort.
func refusingAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}
