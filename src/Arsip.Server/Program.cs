using Arsip;
using Arsip.Samples;
using Arsip.Access;
using Arsip.Audit;
using Arsip.Documents;
using Arsip.Infrastructure;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten.Exceptions;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;
using Wolverine.ErrorHandling;

var builder = WebApplication.CreateBuilder(args);

ArsipDatabase database;
DatabaseRoles.Privileges? privileges = null;
try
{
    if (CommandLineSettings.CommandArguments(args) is ["codegen", ..])
        database = new ArsipDatabase { ConnectionString = "Host=127.0.0.1;Database=arsip_codegen" }; // code generation never connects
    else
    {
        database = await ArsipDatabase.ResolveAsync(builder.Configuration, isCommand: CommandLineSettings.CommandArguments(args) is [var first, ..] && !first.StartsWith('-'));
        privileges = await database.PrepareAsync(ArsipStore.Configure, CancellationToken.None);
        if (privileges.TooPowerful && !builder.Configuration.GetValue<bool>("Arsip:AllowSuperuser"))
        {
            Console.Error.WriteLine($"Arsip cannot start: {privileges.Describe()} Run it as a role that may only append events " +
                                    "(README, \"Database roles\"), or set Arsip:AllowSuperuser=true to run anyway.");
            await database.DisposeAsync();
            return 2;
        }
    }
}
catch (Exception e) when (e is EmbeddedPostgresException or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine($"Arsip cannot start: {e.Message}");
    return 2;
}
// several nodes (the shared blob store) must sign anchors with one key: a key made per node in its data folder fails on the others
if (Arsip.Attachments.BlobStores.Of(builder.Configuration) == Arsip.Attachments.BlobStores.Postgres
    && string.IsNullOrWhiteSpace(builder.Configuration["Arsip:Audit:AnchorKey"]) && string.IsNullOrWhiteSpace(builder.Configuration["Arsip:Audit:AnchorKeyFile"]))
{
    Console.Error.WriteLine("Arsip cannot start: with Arsip:Blobs:Store=postgres (several nodes) set Arsip:Audit:AnchorKeyFile or Arsip:Audit:AnchorKey " +
                            "to the installation's one anchor key, the same on every node (README, \"Several nodes\").");
    await database.DisposeAsync();
    return 2;
}
// and must read each other's cookies and antiforgery tokens: one Data Protection key ring, in PostgreSQL, encrypted with a key the database never sees
if (Arsip.Attachments.BlobStores.Of(builder.Configuration) == Arsip.Attachments.BlobStores.Postgres && !SharedKeyRing.IsConfigured(builder.Configuration))
{
    Console.Error.WriteLine($"Arsip cannot start: with Arsip:Blobs:Store=postgres (several nodes) set {SharedKeyRing.KeyFileSetting} or {SharedKeyRing.KeySetting} " +
                            "to the installation's cookie key (openssl rand -base64 32), the same on every node (README, \"Several nodes\").");
    await database.DisposeAsync();
    return 2;
}
if (SharedKeyRing.IsConfigured(builder.Configuration))
{
    try { SharedKeyRing.AddServices(builder.Services, builder.Configuration, database.ConnectionString); }
    catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"Arsip cannot start: {e.Message}");
        await database.DisposeAsync();
        return 2;
    }
}
builder.Services.AddSingleton(database);
builder.Services.AddSingleton(new DatabaseWarning(privileges is { TooPowerful: true } ? privileges.Describe() : null));

builder.Services.AddSingleton(ArsipClock.Real);
builder.Services.AddSingleton<GroupCommit>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ExceptionProblems>();
builder.Services.ConfigureHttpJsonOptions(o => EnumNames.Options(o.SerializerOptions));
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<Arsip.Searching.SearchIndexHealthCheck>("search-index");
builder.Services.AddOpenApi(o => o.AddSchemaTransformer(EnumNames.DescribeAsync));
builder.Services.AddHttpContextAccessor();
Arsip.Access.Configuration.AddServices(builder.Services);
Arsip.Onboarding.Configuration.AddServices(builder.Services);
Arsip.Correspondence.Configuration.AddServices(builder.Services, builder.Configuration);
Arsip.Exchange.Configuration.AddServices(builder.Services);
Arsip.Attachments.Configuration.AddServices(builder.Services);
Arsip.Documents.Configuration.AddServices(builder.Services);
Arsip.Signing.Configuration.AddServices(builder.Services, builder.Configuration);
Arsip.Dispositions.Configuration.AddServices(builder.Services, builder.Configuration);
Arsip.Notifications.Configuration.AddServices(builder.Services, builder.Configuration);
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToPage("/Masuk");
    o.Conventions.AllowAnonymousToPage("/Galat");
    o.Conventions.AllowAnonymousToPage("/Bahasa");
    o.Conventions.AuthorizeFolder("/Operator", Policies.Operator);
}).AddMvcOptions(o => o.Filters.Add<Arsip.Pages.PageTimeFilter>());
builder.Services.AddScoped<Arsip.Pages.PageTime>();

builder.Services.AddMarten(opts => ArsipStore.Configure(opts, database.ConnectionString))
    .IntegrateWithWolverine(m => m.UseWolverineManagedEventSubscriptionDistribution = true)
    .UseLightweightSessions()
    .ApplyAllDatabaseChangesOnStartup();
builder.Services.ConfigureMarten((services, opts) =>
{
    opts.Listeners.Add(new HashChainListener(services.GetRequiredService<IHttpContextAccessor>(), services.GetRequiredService<ArsipClock>()));
    Arsip.Access.Configuration.Configure(opts, services);
    Arsip.Onboarding.Configuration.Configure(opts, services);
    Arsip.Exchange.Configuration.Configure(opts, services);
});

builder.Host.UseWolverine(opts =>
{
    opts.ApplicationAssembly = typeof(ArsipStore).Assembly; // also when another program hosts it (benchmarks)
    opts.Policies.AutoApplyTransactions();
    opts.Policies.UseDurableLocalQueues();
    Arsip.Correspondence.Configuration.Configure(opts);
    Arsip.Exchange.Configuration.Configure(opts, builder.Configuration);
    Arsip.Notifications.Configuration.Configure(opts, builder.Configuration);
    // a reminder racing a recipient's action on the same disposition retries on the fresh state
    opts.OnException<ConcurrencyException>().Or<EventStreamUnexpectedMaxEventIdException>().RetryWithCooldown(
        TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
    opts.UseRuntimeCompilation();
    // how soon a node that died (kill -9, power cut) counts as gone, so another or the restarted one takes over its durable work
    opts.Durability.StaleNodeTimeout = builder.Configuration.GetValue("Arsip:Durability:StaleNodeTimeout", opts.Durability.StaleNodeTimeout);
    opts.Durability.HealthCheckPollingTime = builder.Configuration.GetValue("Arsip:Durability:HealthCheckPollingTime", opts.Durability.HealthCheckPollingTime);
    Arsip.Access.Configuration.Configure(opts);
    opts.CodeGeneration.TypeLoadMode = builder.Environment.IsProduction() ? TypeLoadMode.Static : TypeLoadMode.Dynamic;
});
builder.Services.AddWolverineHttp();
builder.Services.AddHostedService<SampleDataLoader>();
// hosted after Marten and Wolverine, which apply the schema the anchors and the search feeder read
Arsip.Audit.Configuration.AddServices(builder.Services, builder.Configuration);
Arsip.Searching.Configuration.AddServices(builder.Services);
if (SharedKeyRing.IsConfigured(builder.Configuration)) builder.Services.AddHostedService<SharedKeyRingStart>();
Arsip.Records.Configuration.AddServices(builder.Services, builder.Configuration);

var app = builder.Build();
// the anchor key exists (and a bad one fails) before the first anchor needs it
_ = app.Services.GetRequiredService<AnchorSigner>().KeyId;
if (app.Services.GetRequiredService<DatabaseWarning>().Text is { } warning)
    app.Logger.LogWarning("{Warning} Running anyway because Arsip:AllowSuperuser is true: the audit trail does not hold against whoever holds these credentials.", warning);
app.Lifetime.ApplicationStopped.Register(() => database.DisposeAsync().AsTask().GetAwaiter().GetResult());
if (app.Environment.IsProduction() && !DocumentLinks.IsConfigured(app.Configuration))
    app.Logger.LogWarning("{Setting} is not set: QR codes and verification links on signed letters will use each request's own address, " +
        "which may be 127.0.0.1 or an internal host name. Set it to the address the public reaches Arsip at.", DocumentLinks.Setting);

app.Logger.Log(app.Services.GetRequiredService<Arsip.Notifications.MailSettings>().Enabled ? LogLevel.Information : LogLevel.Warning,
    "{Mail}", app.Services.GetRequiredService<Arsip.Notifications.MailSettings>().Describe());

// behind a load balancer (ops/cluster) the client's address comes from X-Forwarded-For, believed only from the proxies named here:
// the sign-in throttle counts failures per client address, and without this every client would share the proxy's
if (app.Configuration["Arsip:TrustedProxies"] is { Length: > 0 } proxies)
{
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
    forwarded.KnownIPNetworks.Clear();
    forwarded.KnownProxies.Clear();
    foreach (var proxy in proxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    app.UseForwardedHeaders(forwarded);
}
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/galat/{0}"));
app.UseStaticFiles();
// Pages speak the person's language; the API stays culture-neutral (its texts carry both languages).
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages => pages.UseRequestLocalization(Arsip.Pages.Text.Localization()));
app.UseRouting(); // after the re-execute, so /galat/{code} is routed
app.UseAuthentication();
app.UseAuthorization();
app.UsePasswordChangeGate();
// plain "Healthy" for load balancers; each check with its numbers (the index's lag) for a client that asks for JSON
app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthReports.WriteAsync }).AllowAnonymous();
app.MapOpenApi("/api/openapi.json").AllowAnonymous();
app.MapScalarApiReference("/api/docs", o => o.WithTitle("Arsip API").WithOpenApiRoutePattern("/api/openapi.json")).AllowAnonymous();
app.MapWolverineEndpoints(opts =>
{
    opts.RejectUnparseableQueryValues = true;
    opts.RequireAuthorizeOnAll();
    opts.TenantId.IsClaimTypeNamed(ArsipClaims.Agency);
    opts.AddPolicy<InputChecks>();
    opts.AddPolicy<ApiResponses>();
});

app.MapRazorPages();

// A first argument that is not a setting is a JasperFx command (codegen, db-apply, describe, ...); settings
// (--Section:Key=value) anywhere on its line are already in the configuration and are not the command's.
if (CommandLineSettings.CommandArguments(args) is [var command, ..] commandArgs && !command.StartsWith('-'))
    return await app.RunJasperFxCommands(commandArgs);
await app.RunAsync();
return 0;

public partial class Program
{
    public const string DeliveryQueue = Arsip.Correspondence.Configuration.DeliveryQueue;
}
