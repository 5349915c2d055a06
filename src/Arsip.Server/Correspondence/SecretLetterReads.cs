using Marten;

namespace Arsip.Correspondence;

/// <summary>
/// Recorded through a durable local message rather than inside the GET itself, so a read never fails
/// on a concurrent append to the letter (the handler retries on a version conflict).
/// </summary>
public static class SecretLetterReadHandler
{
    public static void Handle(SecretLetterRead read, IDocumentSession session) => session.Events.Append(read.LetterId, read);
}
