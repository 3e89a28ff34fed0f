//go:build !unix

package main

import (
	"os"
	"time"
)

// usage is not measured here: only Unix reports it through SysUsage.
func usage(*os.ProcessState) (time.Duration, int64, bool) { return 0, 0, false }
