
namespace Arsip.Correspondence;

/// <summary>A durable local message rather than inside the GET, so a read never fails on a concurrent append (the handler retries on a version conflict).</summary>
public static class SecretLetterReadHandler
{
    public static void Handle(SecretLetterRead read, IDocumentSession session) => session.Events.Append(read.LetterId, read);
}
