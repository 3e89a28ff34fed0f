package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// gpgKey is one entry of a download document's signing_keys.gpg_public_keys.
type gpgKey struct {
	KeyID          string  `json:"key_id"`
	ASCIIArmor     string  `json:"ascii_armor"`
	TrustSignature string  `json:"trust_signature"`
	Source         string  `json:"source"`
	SourceURL      *string `json:"source_url"`
}

// registry serves the releases under root by the provider registry
// protocol. root/NAMESPACE/TYPE holds the files goreleaser writes for a
// release of terraform-provider-TYPE: for each VERSION,
// terraform-provider-TYPE_VERSION_SHA256SUMS, its binary detached signature
// (the same name with .sig appended), the zip archives it lists
// (terraform-provider-TYPE_VERSION_OS_ARCH.zip) and, optionally,
// terraform-provider-TYPE_VERSION_manifest.json. Every download document
// offers keys as the keys the signature may have been made with.
type registry struct {
	root string
	keys []gpgKey
}

// release is one version of a provider, as its files describe it.
type release struct {
	version   string
	dir       string
	prefix    string            // terraform-provider-TYPE_VERSION_
	sums      string            // the SHA256SUMS file's name
	archives  map[string]string // "os_arch" to the archive's file name
	shasums   map[string]string // file name to its SHA-256, from SHA256SUMS
	protocols []string
}

func (r *registry) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/terraform.json", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"providers.v1": "/v1/providers/"})
	})
	mux.HandleFunc("GET /v1/providers/{namespace}/{type}/versions", r.versions)
	mux.HandleFunc("GET /v1/providers/{namespace}/{type}/{version}/download/{os}/{arch}", r.download)
	mux.HandleFunc("GET /files/{namespace}/{type}/{file}", r.file)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "Not Found")
	})
	return logRequests(mux)
}

// versions answers the versions list: every version with its protocols and
// platforms.
func (r *registry) versions(w http.ResponseWriter, req *http.Request) {
	releases, err := r.releases(req.PathValue("namespace"), req.PathValue("type"))
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if len(releases) == 0 {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	type platform struct {
		OS   string `json:"os"`
		Arch string `json:"arch"`
	}
	type version struct {
		Version   string     `json:"version"`
		Protocols []string   `json:"protocols"`
		Platforms []platform `json:"platforms"`
	}
	list := []version{}
	for _, rel := range releases {
		v := version{Version: rel.version, Protocols: rel.protocols, Platforms: []platform{}}
		for _, osArch := range sortedKeys(rel.archives) {
			goos, arch, _ := strings.Cut(osArch, "_")
			v.Platforms = append(v.Platforms, platform{OS: goos, Arch: arch})
		}
		list = append(list, v)
	}
	writeJSON(w, http.StatusOK, map[string]any{"versions": list})
}

// download answers the download document of one version for one platform.
func (r *registry) download(w http.ResponseWriter, req *http.Request) {
	namespace, typ := req.PathValue("namespace"), req.PathValue("type")
	releases, err := r.releases(namespace, typ)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	var rel *release
	for i := range releases {
		if releases[i].version == req.PathValue("version") {
			rel = &releases[i]
		}
	}
	if rel == nil {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	archive, ok := rel.archives[req.PathValue("os")+"_"+req.PathValue("arch")]
	if !ok {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	if _, err := os.Stat(filepath.Join(rel.dir, rel.sums+".sig")); err != nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("%s has no signature %s.sig", rel.sums, rel.sums))
		return
	}
	files := "https://" + req.Host + "/files/" + namespace + "/" + typ + "/"
	writeJSON(w, http.StatusOK, map[string]any{
		"protocols":             rel.protocols,
		"os":                    req.PathValue("os"),
		"arch":                  req.PathValue("arch"),
		"filename":              archive,
		"download_url":          files + archive,
		"shasums_url":           files + rel.sums,
		"shasums_signature_url": files + rel.sums + ".sig",
		"shasum":                rel.shasums[archive],
		"signing_keys":          map[string]any{"gpg_public_keys": r.keys},
	})
}

// file serves one file of a provider's directory as it is on disk.
func (r *registry) file(w http.ResponseWriter, req *http.Request) {
	name := req.PathValue("file")
	dir, ok := r.providerDir(req.PathValue("namespace"), req.PathValue("type"))
	if !ok || !validName(name) {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	path := filepath.Join(dir, name)
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	http.ServeFile(w, req, path)
}

// providerDir is the directory of NAMESPACE/TYPE, if both are plain names.
func (r *registry) providerDir(namespace, typ string) (string, bool) {
	if !validName(namespace) || !validName(typ) {
		return "", false
	}
	return filepath.Join(r.root, namespace, typ), true
}

// releases reads every version of NAMESPACE/TYPE from its directory, in
// the order of their file names. A provider that is not there has none.
func (r *registry) releases(namespace, typ string) ([]release, error) {
	dir, ok := r.providerDir(namespace, typ)
	if !ok {
		return nil, nil
	}
	pattern := "terraform-provider-" + typ + "_*_SHA256SUMS"
	matches, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return nil, err
	}
	sort.Strings(matches)
	var out []release
	for _, path := range matches {
		sums := filepath.Base(path)
		version := strings.TrimSuffix(strings.TrimPrefix(sums, "terraform-provider-"+typ+"_"), "_SHA256SUMS")
		rel := release{
			version:  version,
			dir:      dir,
			prefix:   "terraform-provider-" + typ + "_" + version + "_",
			sums:     sums,
			archives: map[string]string{},
		}
		if rel.shasums, err = readSHA256SUMS(path); err != nil {
			return nil, err
		}
		for name := range rel.shasums {
			osArch, ok := strings.CutPrefix(name, rel.prefix)
			if !ok || !strings.HasSuffix(osArch, ".zip") {
				continue
			}
			osArch = strings.TrimSuffix(osArch, ".zip")
			if goos, arch, ok := strings.Cut(osArch, "_"); ok && goos != "" && arch != "" && !strings.Contains(arch, "_") {
				rel.archives[osArch] = name
			}
		}
		if rel.protocols, err = readProtocols(filepath.Join(dir, rel.prefix+"manifest.json")); err != nil {
			return nil, err
		}
		out = append(out, rel)
	}
	return out, nil
}

// readSHA256SUMS reads a sha256sum listing: "HASH  NAME" on each line.
func readSHA256SUMS(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 2 || len(fields[0]) != 64 {
			return nil, fmt.Errorf("%s line %d is not \"SHA256  NAME\": %q", filepath.Base(path), n, sc.Text())
		}
		sums[strings.TrimPrefix(fields[1], "*")] = fields[0]
	}
	return sums, sc.Err()
}

// readProtocols reads the protocol versions of the registry manifest at
// path. Without a manifest, the Terraform Registry assumes protocol 5.0,
// and so does this server.
func readProtocols(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		log.Printf("%s: no manifest; assuming protocol 5.0, as the Terraform Registry does", filepath.Base(path))
		return []string{"5.0"}, nil
	}
	if err != nil {
		return nil, err
	}
	var manifest struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	if manifest.Version != 1 || len(manifest.Metadata.ProtocolVersions) == 0 {
		return nil, fmt.Errorf("%s: want version 1 and metadata.protocol_versions", filepath.Base(path))
	}
	return manifest.Metadata.ProtocolVersions, nil
}

// validName reports whether s names a file in one directory: not empty,
// no separator, not hidden, not "." or "..".
func validName(s string) bool {
	return s != "" && !strings.ContainsAny(s, `/\`) && !strings.HasPrefix(s, ".")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers as the Terraform Registry does: {"errors": [...]}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string][]string{"errors": {msg}})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}

func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, req)
		log.Printf("%s %s %d", req.Method, req.URL.Path, rec.status)
	})
}
