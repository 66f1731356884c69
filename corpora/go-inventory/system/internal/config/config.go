// Package config loads the service configuration from a file and the environment.
package config

import (
	"os"
	"strconv"
	"time"
)

// Version is set at build time.
var Version = "dev"

// Config is the service configuration.
type Config struct {
	DatabaseURL string
	RedisAddr   string
	CacheTTL    time.Duration
	Region      string
	LogFormat   string
}

// Load reads the config file at path, then applies environment overrides.
func Load(path string) (*Config, error) {
	cfg := &Config{
		DatabaseURL: os.Getenv("INVENTORY_DB_URL"),
		RedisAddr:   getEnv("INVENTORY_REDIS_ADDR", "localhost:6379"),
		Region:      getEnv("INVENTORY_REGION", "eu-west-1"),
		LogFormat:   getEnv("INVENTORY_LOG_ENCODING", "json"),
	}
	ttl, err := strconv.Atoi(getEnv("INVENTORY_CACHE_TTL_SECONDS", "300"))
	if err != nil {
		return nil, err
	}
	cfg.CacheTTL = time.Duration(ttl) * time.Second
	_ = path
	return cfg, nil
}

func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}
