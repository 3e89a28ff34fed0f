// Command fakeapi serves the fake Sarvam API on loopback for the demo and
// for benchmarks. The base URL it prints (and writes to -addr-file) includes
// the API's mount, /api/scheduling; GET /_stats on the same host answers
// {"requests":N,"connections":M} without a key.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to listen on")
	addrFile := flag.String("addr-file", "", "write the base URL to this file once listening")
	requestDelay := flag.Duration("request-delay", 0, "hold every request this long before answering")
	connDelay := flag.Duration("conn-delay", 0, "hold the first request of each new connection this much longer")
	extra := flag.Int("extra-campaigns", 0, "generate this many campaigns besides the seeded ones")
	flag.Parse()
	if *requestDelay < 0 || *connDelay < 0 || *extra < 0 {
		log.Fatal("fakeapi: -request-delay, -conn-delay and -extra-campaigns must not be negative")
	}

	key := os.Getenv("SARVAM_API_KEY")
	if key == "" {
		log.Fatal("fakeapi: set SARVAM_API_KEY to the key the fake API should accept")
	}
	host, _, err := net.SplitHostPort(*listen)
	if err != nil || !client.IsLoopback(host) {
		log.Fatalf("fakeapi: -listen must be a loopback host:port, got %q", *listen)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("fakeapi: %v", err)
	}
	baseURL := "http://" + ln.Addr().String() + fakeapi.BasePath
	if *addrFile != "" {
		if err := os.WriteFile(*addrFile, []byte(baseURL+"\n"), 0o600); err != nil {
			log.Fatalf("fakeapi: %v", err)
		}
	}
	fmt.Printf("fake Sarvam API on %s (org %s, workspace %s); stats at http://%s%s\n",
		baseURL, fakeapi.OrgID, fakeapi.WorkspaceID, ln.Addr(), fakeapi.StatsPath)

	fake := fakeapi.New(key)
	fake.RequestDelay, fake.ConnDelay = *requestDelay, *connDelay
	fake.AddCampaigns(*extra, "Generated campaign")
	srv := &http.Server{Handler: fake.WithStats(), ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("fakeapi: %v", err)
	}
}
