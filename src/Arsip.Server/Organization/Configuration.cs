using JasperFx.MultiTenancy;
using JasperFx.Events.Projections;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;

namespace Arsip.Organization;

public static class Configuration
{
    public static void Configure(StoreOptions opts)
    {
        opts.Projections.Snapshot<Unit>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Position>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Person>(SnapshotLifecycle.Inline);
        opts.Schema.For<Person>()
            .UniqueIndex(UniqueIndexType.Computed, "person_user_name", TenancyScope.PerTenant, p => p.UserName)
            .GinIndexJsonData();
    }
}
