using JasperFx.Events.Projections;

namespace Arsip.Onboarding;

/// <summary>The installation's agency registry and the operator's work.</summary>
public static class Configuration
{
    public static void Configure(StoreOptions opts)
    {
        opts.Projections.Snapshot<RegisteredAgency>(SnapshotLifecycle.Inline);
    }

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<AgencyDirectory>();
        services.AddSingleton<Access.ISuspendedAgencies>(sp => sp.GetRequiredService<AgencyDirectory>());
    }

    public static void Configure(StoreOptions opts, IServiceProvider services) =>
        opts.Listeners.Add(new AgencyChangeListener(services.GetRequiredService<AgencyDirectory>(), services.GetRequiredService<Access.PrincipalCache>()));
}
