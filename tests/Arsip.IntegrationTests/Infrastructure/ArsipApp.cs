using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip;
using Arsip.Infrastructure;
using Arsip.Samples;
using Arsip.Searching;
using Marten;
using Marten.Events.Daemon.Coordination;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Arsip.IntegrationTests.Infrastructure;

/// <summary>The real Arsip host over its own database, shared by the test classes of one collection.</summary>
public class ArsipApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private string _connectionString = "";

    /// <summary>Set to boot on an existing database instead of a fresh one (a restart).</summary>
    public string? ExistingDatabase { get; init; }
    /// <summary>The runtime role's connection string: what Arsip itself runs as.</summary>
    public string ConnectionString => _connectionString;
    /// <summary>The schema owner's: what a DBA holds (tests tamper and wipe with it).</summary>
    public string OwnerConnectionString => TestDatabase.Owner(_connectionString);

    /// <summary>This host's data folder (blobs), a fresh temporary folder removed when the host stops.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"arsip-test-data-{Guid.NewGuid():N}");

    /// <summary>
    /// A clock the tests move; starts at a fixed working day, 09:00 in Jakarta. Stored as UTC: FakeTimeProvider
    /// keeps the offset it is given, and its GetLocalNow would then add the zone's offset a second time.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime());

    protected virtual string Environment => "Development";

    /// <summary>Automatic anchoring (every 10 minutes, every 10,000 events) is off unless a test is about it: it would anchor behind other tests' backs.</summary>
    protected virtual bool AnchorSchedule => false;

    public virtual async Task InitializeAsync()
    {
        Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
        _connectionString = ExistingDatabase ?? await TestDatabase.CreateAsync(GetType().Name.ToLowerInvariant());
        Boot(); // boot now, so the first test does not pay for it
    }

    /// <summary>Starts the host; the in-memory TestServer unless a subclass serves on a real port.</summary>
    protected virtual void Boot() => _ = Server;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Arsip", _connectionString);
        builder.UseSetting("ConnectionStrings:ArsipOwner", OwnerConnectionString);
        builder.UseSetting("Arsip:Audit:AnchorSchedule", AnchorSchedule ? "true" : "false");
        builder.UseSetting("Arsip:DataDirectory", DataDirectory);
        builder.UseSetting("Arsip:Signing:TrustRoots", Path.Combine(SamplesFolder, "signing", "demo-ca.pem"));
        builder.UseSetting("Arsip:Signing:Crls", Path.Combine(SamplesFolder, "signing", "demo-ca.crl"));
        builder.ConfigureTestServices(services => services.AddSingleton(new ArsipClock(Clock)));
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public const string DemoPassword = "arsip-demo-2026";

    /// <summary>The repository's samples/ folder: the demo organization every test class starts from.</summary>
    public static string SamplesFolder { get; } = FindSamples();

    /// <summary>
    /// Wipes every document and event, then loads the three demo agencies' organization (no reference data, no letters).
    /// The async daemon is paused and resumed around the wipe: a bare
    /// <c>Store.Advanced.ResetAllData()</c> restarts the event sequence under a running daemon, whose shards then skip the new events.
    /// </summary>
    public async Task ResetAsync()
    {
        var daemon = Services.GetService<IProjectionCoordinator>();
        if (daemon is not null) await daemon.PauseAsync();
        try
        {
            // TRUNCATE locks table after table; work the previous test left running (a scheduled reminder, a page
            // request still finishing) can hold one of them and PostgreSQL then aborts one side as a deadlock. Retry.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await WipeAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                {
                    await Task.Delay(50 * attempt);
                }
            }
        }
        finally
        {
            // Marten's own ResetAllMartenDataAsync leaves the daemon paused when the reset throws.
            if (daemon is not null) await daemon.ResumeAsync();
        }
        var anchorLog = Services.GetRequiredService<Arsip.Audit.AnchorSigner>().LogPath;
        if (File.Exists(anchorLog)) File.Delete(anchorLog);
        Services.GetRequiredService<Arsip.Onboarding.AgencyDirectory>().Clear(); // and the agencies (the wipe is no commit its listener sees)
        var search = Services.GetRequiredService<SearchIndexHost>().Index;
        search.DeleteAll();
        search.Commit(0);
        var loader = new SampleDataLoader(Services.GetRequiredService<IConfiguration>(), Store, Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>(), new ArsipClock(Clock), NullLogger<SampleDataLoader>.Instance);
        await loader.LoadAsync(SamplesFolder, withReferenceData: false, withLetters: false, CancellationToken.None);
    }

    /// <summary>
    /// Empties every table Marten keeps (events, streams, documents, projection progress) and restarts the event
    /// sequence. The runtime role may not truncate events, so the owner truncates what it owns and the runtime role
    /// what it created (Wolverine's own tables are left alone, as Marten's reset leaves them).
    /// </summary>
    private async Task WipeAsync()
    {
        foreach (var connectionString in new[] { OwnerConnectionString, _connectionString })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                do $$ declare tables text; begin
                  select string_agg(format('{ArsipStore.Schema}.%I', tablename), ', ') into tables from pg_tables
                  where schemaname = '{ArsipStore.Schema}' and tableowner = current_user and tablename not like 'wolverine%';
                  if tables is not null then execute 'truncate table ' || tables || ' cascade'; end if;
                  if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where n.nspname = '{ArsipStore.Schema}' and c.relname = 'mt_events_sequence' and pg_has_role(current_user, c.relowner, 'usage')) then
                    alter sequence {ArsipStore.Schema}.mt_events_sequence restart with 1;
                  end if;
                end $$;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>An HTTP client signed in (cookie) as a demo user of an agency.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string agency = "kota-bekasi")
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency, userName, password = DemoPassword });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in of {userName}@{agency} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "samples", "organization.json"))) return Path.Combine(dir.FullName, "samples");
        throw new InvalidOperationException("samples/organization.json not found above " + AppContext.BaseDirectory);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>
/// A host over its own database whose data is never reset while it runs: the async daemon keeps
/// its high-water mark in memory, so a reset under a running daemon would hide new events from it.
/// </summary>
public sealed class IsolatedApp : ArsipApp;

[CollectionDefinition(Name)]
public sealed class ArsipCollection : ICollectionFixture<ArsipApp>
{
    public const string Name = "arsip";
}

/// <summary>Base for test classes: a fresh data set per class, an HTTP client through the real pipeline.</summary>
[Collection(ArsipCollection.Name)]
public abstract class ArsipTest(ArsipApp app) : IAsyncLifetime
{
    protected ArsipApp App { get; } = app;
    /// <summary>Not signed in.</summary>
    protected HttpClient Anonymous { get; } = app.CreateClient();
    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>A client signed in as a demo user (see samples/organization.json), reused within the test.</summary>
    protected async Task<HttpClient> As(string userName, string agency = "kota-bekasi")
    {
        var key = $"{userName}@{agency}";
        if (!_clients.TryGetValue(key, out var client)) _clients[key] = client = await App.SignInAsync(userName, agency);
        return client;
    }

    private static readonly HashSet<Type> ResetClasses = [];
    private bool _resetForThisTest;

    /// <summary>The first test of each class wipes the data; the class's later tests share what it builds.</summary>
    public virtual Task InitializeAsync()
    {
        lock (ResetClasses)
        {
            if (!ResetClasses.Add(GetType())) return Task.CompletedTask;
        }
        _resetForThisTest = true;
        return App.ResetAsync();
    }

    /// <summary>
    /// For a test that counts from an agency's first record (letter number 1): the data as a class's first test sees it,
    /// whatever the class's other tests built before it. Earlier sign-ins go with the people they were for.
    /// </summary>
    protected async Task StartFromFreshDataAsync()
    {
        if (_resetForThisTest) return;
        await App.ResetAsync();
        _clients.Clear();
        _resetForThisTest = true;
    }
    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ArsipApp.Json))!;
}
