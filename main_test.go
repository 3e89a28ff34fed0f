package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSilencedLogLevels(t *testing.T) {
	all := []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_SARVAM"}
	for _, tc := range []struct {
		name    string
		environ []string
		debug   bool
		want    []string
	}{
		{"no log variable", []string{"HOME=/root", "TF_CLI_ARGS=-no-color", "TF_IN_AUTOMATION=1"}, false, all},
		{"empty TF_LOG", []string{"TF_LOG="}, false, all},
		{"TF_LOG", []string{"TF_LOG=trace"}, false, nil},
		{"TF_LOG=off", []string{"TF_LOG=off"}, false, nil},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=DEBUG"}, false, nil},
		{"TF_LOG_CORE", []string{"TF_LOG_CORE=trace"}, false, nil},
		{"TF_LOG_PATH", []string{"TF_LOG_PATH=/tmp/tf.log"}, false, nil},
		{"TF_LOG_PROVIDER_SARVAM", []string{"TF_LOG_PROVIDER_SARVAM=trace"}, false, nil},
		{"TF_LOG_SDK_FRAMEWORK", []string{"TF_LOG_SDK_FRAMEWORK=debug"}, false, nil},
		{"TF_LOG_SDK_PROTO_DATA_DIR", []string{"TF_LOG_SDK_PROTO_DATA_DIR=/tmp/proto"}, false, nil},
		{"TF_ACC_LOG_PATH", []string{"TF_ACC_LOG_PATH=/tmp/acc.log"}, false, nil},
		{"TF_LOG_PATH_MASK", []string{"TF_LOG_PATH_MASK=/tmp/%s.log"}, false, nil},
		{"debugging", nil, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := silencedLogLevels(tc.environ, tc.debug); !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// SARVAM_CPUPROFILE writes a profile pprof reads to the file it names,
// with %p replaced by the process id, once it is stopped.
func TestStartCPUProfile(t *testing.T) {
	dir := t.TempDir()
	stop, err := startCPUProfile(filepath.Join(dir, "cpu-%p.pprof"), 42)
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "cpu-42.pprof"))
	if err != nil {
		t.Fatal(err)
	}
	// A profile is gzipped protocol buffers.
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("not a profile: %d bytes % x", len(b), b[:min(len(b), 8)])
	}
}

// Unset, nothing is profiled; a file that cannot be created is an error
// naming the variable.
func TestStartCPUProfileOff(t *testing.T) {
	stop, err := startCPUProfile("", 1)
	if err != nil || stop() != nil {
		t.Fatalf("startCPUProfile(\"\") = %v", err)
	}
	missing := filepath.Join(t.TempDir(), "no-such-dir", "cpu.pprof")
	if _, err := startCPUProfile(missing, 1); err == nil || err.Error() != "SARVAM_CPUPROFILE: open "+missing+": no such file or directory" {
		t.Fatalf("error %v", err)
	}
}
