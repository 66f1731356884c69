// Package server wires the HTTP API.
package server

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/acme/inventory/internal/config"
)

// Run starts the API on port, and the metrics endpoint on :9090 when enabled.
func Run(cfg *config.Config, port int, readTimeout time.Duration, metrics bool) error {
	if metrics {
		go serveMetrics()
	}
	srv := &http.Server{
		Addr:        fmt.Sprintf(":%d", port),
		Handler:     NewRouter(cfg),
		ReadTimeout: readTimeout,
	}
	return srv.ListenAndServe()
}

// NewRouter builds the gin engine with every API route.
func NewRouter(cfg *config.Config) *gin.Engine {
	r := gin.New()
	r.Use(gin.Recovery())
	h := &handlers{cfg: cfg}

	r.GET("/healthz", h.health)

	api := r.Group("/api/v1")
	{
		items := api.Group("/items")
		items.GET("", h.listItems)
		items.POST("", h.createItem)
		items.GET("/:sku", h.getItem)
		items.PUT("/:sku/stock", h.setStock)
		items.DELETE("/:sku", h.deleteItem)

		api.POST("/reservations", h.reserve)
		api.DELETE("/reservations/:id", h.release)
	}
	return r
}

func serveMetrics() {
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("# metrics\n"))
	})
	_ = http.ListenAndServe(":9090", mux)
}

type handlers struct{ cfg *config.Config }

func (h *handlers) health(c *gin.Context)     { c.String(http.StatusOK, "ok") }
func (h *handlers) listItems(c *gin.Context)  { c.JSON(http.StatusOK, []string{}) }
func (h *handlers) createItem(c *gin.Context) { c.Status(http.StatusCreated) }
func (h *handlers) getItem(c *gin.Context)    { c.JSON(http.StatusOK, gin.H{"sku": c.Param("sku")}) }
func (h *handlers) setStock(c *gin.Context)   { c.Status(http.StatusNoContent) }
func (h *handlers) deleteItem(c *gin.Context) { c.Status(http.StatusNoContent) }
func (h *handlers) reserve(c *gin.Context)    { c.Status(http.StatusCreated) }
func (h *handlers) release(c *gin.Context)    { c.Status(http.StatusNoContent) }
