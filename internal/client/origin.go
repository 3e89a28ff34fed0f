package client

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Origin is what an error body says about who answered: one of the API's
// routes, speaking about the object asked for, or a router, gateway or
// another server that knows no such path.
type Origin int

const (
	// OriginUnclear is a body that tells neither: JSON of no shape the API
	// is known to use, such as {"message": "…"} or a list of details. A 404
	// of this kind may be a missing object or a wrong base_url.
	OriginUnclear Origin = iota
	// OriginAPI is the API speaking about the object: its documented
	// {"error": {…}}, or a {"detail": "…"} message other than FastAPI's
	// "Not Found", such as "Campaign not found".
	OriginAPI
	// OriginRouteMiss is an answer no route of the API gives: exactly
	// {"detail": "Not Found"} (what FastAPI answers for a path it does not
	// serve), an HTML page, an empty body, or one that is not JSON.
	OriginRouteMiss
)

// routeMissDetail is the detail FastAPI answers for a path no route serves.
const routeMissDetail = "Not Found"

// bodyOrigin reads an error body for evidence of who answered it.
func bodyOrigin(body []byte) Origin {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || looksLikeHTML(body) || !json.Valid(body) {
		return OriginRouteMiss
	}
	var b map[string]json.RawMessage
	if body[0] != '{' || json.Unmarshal(body, &b) != nil {
		return OriginUnclear
	}
	if e, ok := b["error"]; ok {
		if e = bytes.TrimSpace(e); len(e) > 0 && e[0] == '{' {
			return OriginAPI
		}
		return OriginUnclear
	}
	var detail string
	if d, ok := b["detail"]; ok && json.Unmarshal(d, &detail) == nil {
		switch {
		case detail == routeMissDetail && len(b) == 1:
			return OriginRouteMiss
		case detail != "" && detail != routeMissDetail:
			return OriginAPI
		}
	}
	return OriginUnclear
}

func looksLikeHTML(body []byte) bool {
	head := strings.ToLower(string(body[:min(len(body), 256)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<body")
}
