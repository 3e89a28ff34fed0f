package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
)

// routes maps each endpoint to its handler. ServeMux matches wildcards on
// the escaped path one segment at a time and PathValue unescapes them, so an
// id holding an escaped "/" stays one segment.
func (s *Server) routes() http.Handler {
	const ws = BasePath + "/v1/orgs/{org}/workspaces/{ws}"
	mux := http.NewServeMux()
	mux.Handle("GET "+ws+"/campaigns", s.listItems(campaigns))
	mux.Handle("GET "+ws+"/campaigns/{campaign}", s.getItem(campaigns))
	mux.Handle("GET "+ws+"/campaigns/{campaign}/cohorts", s.listItems(cohorts))
	mux.Handle("GET "+ws+"/campaigns/{campaign}/cohorts/{cohort}", s.getItem(cohorts))
	mux.Handle("GET "+ws+"/webhooks", s.listItems(webhooks))
	mux.Handle("GET "+ws+"/webhooks/{webhook}", s.getItem(webhooks))
	mux.HandleFunc("/", notFound)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// ServeMux redirects a path with "//", "." or ".." segments or a
		// trailing slash to its clean form; the API just does not know it.
		if p := r.URL.EscapedPath(); path.Clean(p) != p {
			notFound(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// getItem serves one stored item of kind k.
func (s *Server) getItem(k *kind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sc, ok := s.scopeOf(w, r, k)
		if !ok {
			return
		}
		id := r.PathValue(k.wildcard)
		body, found := s.body(k, sc, id)
		if !found {
			s.writeNotFound(w, k, id)
			return
		}
		s.writeJSON(w, body)
	})
}

// scopeOf reads where items of kind k live from the path. A workspace the
// key does not belong to, or an unknown parent, is answered (the parent with
// a 404 naming it), and ok is false.
func (s *Server) scopeOf(w http.ResponseWriter, r *http.Request, k *kind) (sc scope, ok bool) {
	sc, ok = s.admit(w, r, scope{org: r.PathValue("org"), ws: r.PathValue("ws")})
	if !ok || k.parent == nil {
		return sc, ok
	}
	id := r.PathValue(k.parent.wildcard)
	if _, found := s.body(k.parent, sc, id); !found {
		s.writeNotFound(w, k.parent, id)
		return sc, false
	}
	sc.parent = id
	return sc, true
}

// writeJSON serves a 200 JSON body, with the fields the modes add.
func (s *Server) writeJSON(w http.ResponseWriter, body []byte) {
	if s.Modes().ExtraFields {
		body = withExtraFields(body)
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// notFound is the API's answer for a path it does not serve.
func notFound(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(`{"detail":"Not Found"}`))
}

// writeNotFound answers an unknown id of kind k as Modes.Missing says.
func (s *Server) writeNotFound(w http.ResponseWriter, k *kind, id string) {
	switch s.Modes().Missing {
	case MissingDetail:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{"detail": k.noun + " not found"})
	case MissingBare:
		notFound(w, nil)
	default:
		writeError(w, http.StatusNotFound, fmt.Sprintf("%s %s not found", k.noun, id), "not_found_error", k.code, nil)
	}
}

// writeError writes the API's error shape; data, when not nil, goes in
// error.data.
func writeError(w http.ResponseWriter, status int, message, typ, code string, data any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	e := map[string]any{"message": message, "type": typ, "code": code}
	if data != nil {
		e["data"] = data
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"error": e})
}

// BasePath is where the API is mounted, as in https://apps.sarvam.ai/api/scheduling.
const BasePath = "/api/scheduling"
