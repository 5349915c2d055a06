using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Arsip.Infrastructure;

public sealed record DatabaseWarning(string? Text);

public sealed class DatabaseHealthCheck(IDocumentStore store, DatabaseWarning warning) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "select 1";
            await command.ExecuteScalarAsync(ct);
            return warning.Text is { } text
                ? HealthCheckResult.Degraded($"PostgreSQL menjawab, tetapi: {text} (Arsip:AllowSuperuser)")
                : HealthCheckResult.Healthy("PostgreSQL menjawab (PostgreSQL answers).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL tidak menjawab (PostgreSQL does not answer).", e);
        }
    }
}
