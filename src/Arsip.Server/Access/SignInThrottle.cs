using Arsip.Infrastructure;
using Npgsql;

namespace Arsip.Access;

/// <summary>Failures per account (real or not, so a refusal reveals no names) and per address; only failures count, so an office signing many in from one address is never slowed.
/// Kept in PostgreSQL, so every node counts the same failures: alternating between nodes earns an attacker no extra attempts.
/// Times come from <see cref="ArsipClock"/>, not the database's clock, as every other time Arsip decides by.</summary>
public sealed class SignInThrottle(IConfiguration configuration, ArsipClock clock, IDocumentStore store)
{
    public const string Table = "arsip_sign_in_failures";

    public int AccountLimit { get; } = configuration.GetValue("Arsip:SignIn:AccountFailures", SignInHandler.MaxFailedAttempts);
    public int AddressLimit { get; } = configuration.GetValue("Arsip:SignIn:AddressFailures", 30);
    public TimeSpan Window { get; } = TimeSpan.FromMinutes(configuration.GetValue("Arsip:SignIn:WindowMinutes", 15));

    private string Schema => store.Options.DatabaseSchemaName;

    internal static Weasel.Postgresql.Tables.Table Definition(string schema)
    {
        var table = new Weasel.Postgresql.Tables.Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<string>("key").NotNull();
        table.AddColumn<DateTimeOffset>("failed_at").NotNull();
        table.Indexes.Add(new Weasel.Postgresql.Tables.IndexDefinition($"{Table}_key") { Columns = ["key", "failed_at"] });
        return table;
    }

    public static string AccountKey(string agency, string userName) => $"account/{agency.Trim().ToLowerInvariant()}/{userName.Trim().ToLowerInvariant()}";
    public static string AddressKey(HttpContext http) => $"address/{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    public async Task<TimeSpan?> RetryAfterAsync(string account, string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select key, failed_at from {Schema}.{Table} where key = any($1) and failed_at > $2 order by failed_at", connection)
        {
            Parameters = { new() { Value = new[] { account, address } }, new() { Value = (now - Window).ToUniversalTime() } },
        };
        var times = new Dictionary<string, List<DateTimeOffset>> { [account] = [], [address] = [] };
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) times[reader.GetString(0)].Add(reader.GetFieldValue<DateTimeOffset>(1));
        var wait = new[] { Wait(times[account], AccountLimit, Window, now), Wait(times[address], AddressLimit, Window, now) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public async Task FailedAsync(string account, string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var connection = await OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new($"insert into {Schema}.{Table} (id, key, failed_at) values ($1, $2, $4), ($3, $5, $4)")
                {
                    Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = account }, new() { Value = Guid.CreateVersion7() }, new() { Value = now }, new() { Value = address } },
                },
                // failures that left the window count no more; a spray of names leaves no more rows than one window holds
                new($"delete from {Schema}.{Table} where failed_at <= $1") { Parameters = { new() { Value = now - Window } } },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task SucceededAsync(string account, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var delete = new NpgsqlCommand($"delete from {Schema}.{Table} where key = $1", connection) { Parameters = { new() { Value = account } } };
        await delete.ExecuteNonQueryAsync(ct);
    }

    /// <summary>How long until one more attempt is allowed, given a key's failures in the window (oldest first): the oldest leave the
    /// window first, and once fewer than the limit remain, one more attempt may be made.</summary>
    public static TimeSpan Wait(IReadOnlyList<DateTimeOffset> failures, int limit, TimeSpan window, DateTimeOffset now)
    {
        var inWindow = failures.Where(t => t + window > now).Order().ToList();
        return inWindow.Count < limit ? TimeSpan.Zero : inWindow[inWindow.Count - limit] + window - now;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    public static ProblemDetails TooManyAttempts(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var minutes = (seconds + 59) / 60;
        return new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Terlalu banyak percobaan (too many attempts)",
            Detail = $"Terlalu banyak percobaan masuk yang gagal; akun terkunci sementara. Coba lagi dalam {minutes} menit " +
                     $"(too many failed sign-ins; locked for now, try again in {minutes} minutes).",
            Extensions = { ["retryAfterSeconds"] = seconds },
        };
    }

    public static IResult Answer(HttpContext http, ProblemDetails problem)
    {
        SetRetryAfter(http.Response, problem);
        return Results.Problem(problem);
    }

    /// <summary>The API's answer and the sign-in page alike tell a throttled client when to try again.</summary>
    public static void SetRetryAfter(HttpResponse response, ProblemDetails problem)
    {
        if (problem.Extensions.TryGetValue("retryAfterSeconds", out var seconds) && seconds is int wait)
            response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
