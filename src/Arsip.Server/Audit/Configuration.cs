
namespace Arsip.Audit;

public static class Configuration
{
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AnchorSigner>();
        if (configuration.GetValue("Arsip:Audit:AnchorSchedule", true)) services.AddHostedService<AnchorSchedule>();
    }

    // "the newest anchor holding this stream" is a containment query on the anchors' heads
    public static void Configure(StoreOptions opts) => opts.Schema.For<AuditAnchor>().GinIndexJsonData();
}
