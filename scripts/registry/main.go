// Command registry serves provider releases on loopback over HTTPS by the
// provider registry protocol, for make release-rehearsal: service discovery
// at /.well-known/terraform.json (providers.v1), the versions list, and the
// download document with shasums_url, shasums_signature_url and
// signing_keys, so that terraform init and tofu init install a release the
// way they install one from a public registry, signature check included.
//
//	registry -dir DIR -key KEY.asc -key-id ID -ca-file CA.pem -host-file HOST
//
// DIR/NAMESPACE/TYPE holds a release's files as goreleaser writes them (see
// registry). The server makes a certificate authority of its own for the
// run, writes its certificate to -ca-file for the CLIs to trust (through
// SSL_CERT_FILE), and once listening writes the registry's host,
// localhost:PORT, to -host-file. It serves until interrupted and logs each
// request to standard error.
//
// It is test tooling: not part of the provider, and no substitute for a
// real registry.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	dir := flag.String("dir", "", "serve the providers in `DIR`/NAMESPACE/TYPE")
	keyFile := flag.String("key", "", "the ASCII-armoured public `KEY` offered in every download document")
	keyID := flag.String("key-id", "", "that key's `ID`, as the registry shows it")
	caFile := flag.String("ca-file", "", "write the certificate authority's certificate to `FILE`")
	hostFile := flag.String("host-file", "", "write the registry's host (localhost:PORT) to `FILE` once listening")
	listen := flag.String("listen", "127.0.0.1:0", "listen on `ADDRESS` (loopback)")
	flag.Parse()
	log.SetPrefix("registry: ")
	log.SetFlags(0)
	if *dir == "" || *keyFile == "" || *keyID == "" || *caFile == "" || *hostFile == "" {
		log.Fatal("-dir, -key, -key-id, -ca-file and -host-file are required")
	}
	if err := run(*dir, *keyFile, *keyID, *caFile, *hostFile, *listen); err != nil {
		log.Fatal(err)
	}
}

func run(dir, keyFile, keyID, caFile, hostFile, listen string) error {
	armor, err := os.ReadFile(keyFile)
	if err != nil {
		return err
	}
	if !strings.Contains(string(armor), "-----BEGIN PGP PUBLIC KEY BLOCK-----") {
		return fmt.Errorf("%s is not an ASCII-armoured public key", keyFile)
	}
	caPEM, cert, err := newCertificates(time.Now())
	if err != nil {
		return err
	}
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		return err
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-listen %s: the registry serves on a loopback address only", listen)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return err
	}
	_, port, _ = net.SplitHostPort(ln.Addr().String())
	reg := &registry{root: dir, keys: []gpgKey{{KeyID: keyID, ASCIIArmor: string(armor)}}}
	srv := &http.Server{
		Handler:           reg.handler(),
		ReadHeaderTimeout: 10 * time.Second,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
	}
	if err := os.WriteFile(hostFile, []byte("localhost:"+port+"\n"), 0o600); err != nil {
		return err
	}
	log.Printf("serving %s on https://localhost:%s", dir, port)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errs := make(chan error, 1)
	go func() { errs <- srv.ServeTLS(ln, "", "") }()
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newCertificates makes a certificate authority for this run alone and a
// server certificate it signs for localhost, 127.0.0.1 and ::1. It returns
// the authority's certificate, PEM-encoded, and the server's key pair. The
// authority's private key is never written anywhere.
func newCertificates(now time.Time) ([]byte, tls.Certificate, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "release rehearsal CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	template := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, template, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	return caPEM, tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
