package provider

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
)

// nxdomainResolver points the process's resolver, which the provider's
// transport dials through, at an in-process DNS server that answers every
// query with NXDOMAIN ("no such name"), so a test of an unknown host does
// not depend on what the machine's resolver says. The returned function
// lists the names asked so far. Tests using it must not run in parallel.
func nxdomainResolver(t *testing.T) func() []string {
	t.Helper()
	var mu sync.Mutex
	var asked []string
	saved := net.DefaultResolver
	net.DefaultResolver = &net.Resolver{
		PreferGo: true,
		Dial: func(context.Context, string, string) (net.Conn, error) {
			client, server := net.Pipe()
			go answerNXDOMAIN(server, func(name string) {
				mu.Lock()
				defer mu.Unlock()
				asked = append(asked, name)
			})
			return client, nil
		},
	}
	t.Cleanup(func() { net.DefaultResolver = saved })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(asked)
	}
}

// answerNXDOMAIN serves DNS over a stream (each message after its 2-byte
// length, as over TCP, which is what the resolver speaks on a conn that is
// not a PacketConn) until the other end closes. The answer is the query
// itself with the response and recursion-available bits and RCODE 3 set:
// same id, same question, no records.
func answerNXDOMAIN(c net.Conn, asked func(name string)) {
	defer c.Close()
	for {
		var size [2]byte
		if _, err := io.ReadFull(c, size[:]); err != nil {
			return
		}
		msg := make([]byte, binary.BigEndian.Uint16(size[:]))
		if _, err := io.ReadFull(c, msg); err != nil || len(msg) < 12 {
			return
		}
		asked(questionName(msg))
		msg[2] = 0x80 | msg[2]&0x01 // QR, keeping RD
		msg[3] = 0x80 | 3           // RA, RCODE 3
		if _, err := c.Write(append(size[:], msg...)); err != nil {
			return
		}
	}
}

// questionName reads the name of the first question, which follows the
// 12-byte header as length-prefixed labels.
func questionName(msg []byte) string {
	var labels []string
	for i := 12; i < len(msg) && msg[i] != 0; i += 1 + int(msg[i]) {
		end := min(i+1+int(msg[i]), len(msg))
		labels = append(labels, string(msg[i+1:end]))
	}
	return strings.Join(labels, ".")
}
