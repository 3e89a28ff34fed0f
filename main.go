package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/sarvamai/terraform-provider-sarvam/internal/provider"
)

// version and commit are set by the release build (goreleaser ldflags).
var (
	version = "dev"
	commit  = "none"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers like delve")
	flag.Parse()

	if debug {
		log.Printf("terraform-provider-sarvam %s (commit %s) starting in debug mode", version, commit)
	}
	for _, name := range silencedLogLevels(os.Environ(), debug) {
		if err := os.Setenv(name, "OFF"); err != nil {
			log.Fatal(err.Error())
		}
	}
	stop, err := startCPUProfile(os.Getenv(envCPUProfile), os.Getpid())
	if err != nil {
		log.Fatal(err.Error())
	}
	err = providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   debug,
	})
	// The profile is complete once the server has returned, which it does
	// when Terraform shuts the plugin down.
	if stopErr := stop(); stopErr != nil && err == nil {
		err = stopErr
	}
	if err != nil {
		log.Fatal(err.Error())
	}
}

// envCPUProfile names a file to write a CPU profile of the process to (for
// go tool pprof), from start-up until the plugin server returns. A "%p" in
// it is replaced by the process id: Terraform starts the provider more than
// once in a plan, and each process then writes its own profile. Unset or
// empty, nothing is profiled.
const envCPUProfile = "SARVAM_CPUPROFILE"

// startCPUProfile starts profiling into path, with %p replaced by pid, and
// returns the function that stops the profile and closes the file. An empty
// path profiles nothing.
func startCPUProfile(path string, pid int) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(strings.ReplaceAll(path, "%p", strconv.Itoa(pid)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", envCPUProfile, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w", envCPUProfile, err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// quietLogLevels are the terraform-plugin-log level variables of every
// logger in this process: the SDK root, its protocol and framework
// subsystems, and the provider's own (terraform-plugin-go reads
// TF_LOG_PROVIDER_ followed by the provider's type name).
var quietLogLevels = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", provider.EnvLogLevel}

// silencedLogLevels returns the level variables to set to OFF before
// serving, or none. terraform-plugin-log logs at TRACE when no level is set,
// formatting every entry as JSON, and Terraform drops them all unless a log
// variable asks for them: TF_LOG, TF_LOG_PROVIDER, TF_LOG_CORE, TF_LOG_PATH,
// TF_LOG_PROVIDER_SARVAM, TF_LOG_SDK* and the test harness's
// TF_ACC_LOG_PATH and TF_LOG_PATH_MASK. When none of those is set, and the
// provider is not being debugged, nobody can see the logs, so they are not
// produced. When any is set, every level is left as the user set it.
func silencedLogLevels(environ []string, debug bool) []string {
	if debug {
		return nil
	}
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if value != "" && (strings.HasPrefix(name, "TF_LOG") || name == "TF_ACC_LOG_PATH") {
			return nil
		}
	}
	return quietLogLevels
}
