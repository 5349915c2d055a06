using Arsip.Attachments;
using JasperFx.Events.Projections;

namespace Arsip.Searching;

public static class Configuration
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<SearchIndexHost>();
        services.AddSingleton<SearchVocabulary>();
        services.ConfigureMarten(opts => opts.Projections.Add<VocabularyProjection>(ProjectionLifecycle.Inline));
        services.AddSingleton(sp => FileTextCaches.For(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IDocumentStore>()));
        services.AddSingleton(sp => new ScanOcr(sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<IFileTextCache>(),
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILogger<ScanOcr>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ScanOcr>());
        services.AddSingleton(sp => new AttachmentText(sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<IFileTextCache>(),
            sp.GetRequiredService<ScanOcr>(), sp.GetRequiredService<ILogger<AttachmentText>>()));
        services.AddSingleton<SearchFeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchFeeder>());
        services.AddSingleton(sp => new DestroyedContentSweeper(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<IFileTextCache>(), sp.GetRequiredService<ILogger<DestroyedContentSweeper>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DestroyedContentSweeper>());
    }
}
