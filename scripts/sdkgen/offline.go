package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
)

// The .NET generator downloads the package logo (logo.png, the NuGet icon) with http.Get, from
// the schema's logoUrl or else from raw.githubusercontent.com. sdkgen works offline: the default
// transport answers that one address with a logo drawn here and refuses every other request.
const logoURL = "https://sdkgen.invalid/logo.png"

func init() {
	http.DefaultTransport = offlineTransport{}
}

type offlineTransport struct{}

func (offlineTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.String() != logoURL {
		return nil, fmt.Errorf("sdkgen works offline: refused %s %s", req.Method, req.URL)
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": []string{"image/png"}}, Body: io.NopCloser(bytes.NewReader(logo())),
		Request: req,
	}, nil
}

// logo is a 64x64 key-coloured square, the same bytes on every run.
func logo() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.NRGBA{R: 0x4d, G: 0x5b, B: 0xd9, A: 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
