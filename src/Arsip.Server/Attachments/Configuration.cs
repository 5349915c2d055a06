using Arsip.Infrastructure;
using Microsoft.Extensions.Options;

namespace Arsip.Attachments;

/// <summary>How stored files plug in: the blob store under the data folder, with its size limit.</summary>
public static class Configuration
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration("Arsip:Attachments");
        services.AddSingleton<IBlobStore>(sp => new FileBlobStore(
            Path.Combine(DataFolder.Resolve(sp.GetRequiredService<IConfiguration>()), "blobs"),
            sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes));
    }
}
