// Command rusage runs a program and appends what it cost to the file named
// by BENCH_RUSAGE_LOG: one line "name wall_seconds cpu_seconds maxrss_kib",
// CPU being user plus system time, as the kernel reports it when the
// program exits (its waited-for children included). scripts/bench.sh uses
// it to measure providers that Terraform starts itself.
//
// Run as "rusage -- program args...", it runs program. Run under any other
// name, as a provider in a dev_overrides directory is, it runs the file
// next to it with ".real" appended to its name, with the same arguments,
// standard streams and environment, so Terraform talks to the real provider
// through it.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	name, args := self+".real", os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		if len(args) < 2 {
			fail(errors.New("usage: rusage -- program [args...]"))
		}
		name, args = args[1], args[2:]
	}
	cmd := exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	err = cmd.Wait()
	wall := time.Since(start)
	if cpu, maxRSS, ok := usage(cmd.ProcessState); ok {
		label := filepath.Base(name)
		if filepath.Ext(label) == ".real" {
			label = label[:len(label)-len(".real")]
		}
		record(fmt.Sprintf("%s %.3f %.3f %d\n", label, wall.Seconds(), cpu.Seconds(), maxRSS))
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		os.Exit(exitErr.ExitCode())
	}
	if err != nil {
		fail(err)
	}
}

func record(line string) {
	path := os.Getenv("BENCH_RUSAGE_LOG")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		fail(err)
	}
	if _, err := f.WriteString(line); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "rusage:", err)
	os.Exit(1)
}
