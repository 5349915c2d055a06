using Arsip.Infrastructure;
using Microsoft.Extensions.Options;

namespace Arsip.Attachments;

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
