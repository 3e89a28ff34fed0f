//go:build unix

package main

import (
	"os"
	"syscall"
	"time"
)

// usage is the CPU time and peak resident set size (KiB on Linux) of an
// exited process.
func usage(ps *os.ProcessState) (time.Duration, int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), int64(ru.Maxrss), true //nolint:unconvert // Maxrss is an int32 on 32-bit Linux
}
