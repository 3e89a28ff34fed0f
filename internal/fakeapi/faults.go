package fakeapi

import (
	"fmt"
	"net"
	"net/http"
)

func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, f Fault) {
	if f.Delay > 0 && !s.sleep(r.Context(), f.Delay) {
		return
	}
	if f.Hang {
		<-r.Context().Done()
		return
	}
	for k, v := range f.Header {
		w.Header().Set(k, v)
	}
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	switch {
	case f.Reset:
		w.Header().Set("Content-Length", fmt.Sprint(len(f.Body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body[:min(f.ResetAfter, len(f.Body))]))
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				if tcp, ok := conn.(*net.TCPConn); ok {
					_ = tcp.SetLinger(0)
				}
				_ = conn.Close()
			}
		}
	case f.StallAfter > 0:
		w.Header().Set("Content-Length", fmt.Sprint(len(f.Body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body[:min(f.StallAfter, len(f.Body))]))
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		<-r.Context().Done()
	default:
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body))
	}
}
