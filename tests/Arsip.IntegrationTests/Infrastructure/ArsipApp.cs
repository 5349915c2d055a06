using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
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

    /// <summary>A clock the tests move; starts at a fixed working day.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7)));

    protected virtual string Environment => "Development";

    public virtual async Task InitializeAsync()
    {
        Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
        _connectionString = await TestDatabase.CreateAsync(GetType().Name.ToLowerInvariant());
        _ = Server; // boot now, so the first test does not pay for it
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Arsip", _connectionString);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>
    /// Wipes every document and event, so each test class starts from nothing. Through the host, so the async daemon
    /// is paused and restarted around the wipe: a bare <c>Store.Advanced.ResetAllData()</c> restarts the event sequence
    /// under a running daemon, whose shards then skip the new, lower-numbered events.
    /// </summary>
    public Task ResetAsync() => Services.ResetAllMartenDataAsync();

    public new async Task DisposeAsync() => await base.DisposeAsync();
}

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
    protected HttpClient Http { get; } = app.CreateClient();

    private static readonly HashSet<Type> ResetClasses = [];

    /// <summary>The first test of each class wipes the data; the class's later tests share what it builds.</summary>
    public virtual Task InitializeAsync()
    {
        lock (ResetClasses)
        {
            if (!ResetClasses.Add(GetType())) return Task.CompletedTask;
        }
        return App.ResetAsync();
    }
    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ArsipApp.Json))!;
}
