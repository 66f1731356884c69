module github.com/acme/inventory

go 1.22.4

require (
	github.com/gin-gonic/gin v1.10.0
	github.com/jackc/pgx/v5 v5.6.0
	github.com/redis/go-redis/v9 v9.5.3
	github.com/spf13/cobra v1.8.1
	github.com/urfave/cli/v2 v2.27.2
)
