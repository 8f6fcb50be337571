namespace FreelancerOS.Web.Domain;

public enum ImportStatus { Pending, Queued, Running, Succeeded, Failed }

/// <summary>
/// A CSV upload and the import that runs from it, kept in the database so that any instance can run
/// it and any instance can show its progress. The upload itself is dropped when the import ends.
/// </summary>
public class LedgerImport : OwnedEntity, ICreated
{
    public const int MaxErrorLength = 1000;

    /// <summary>Uploads never imported are deleted after this.</summary>
    public static readonly TimeSpan KeepUnused = TimeSpan.FromDays(1);

    /// <summary>An import whose runner has not reported for this long died with its process.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(2);

    /// <summary>A queued import that no worker took for this long was never enqueued (a crash between the two writes).</summary>
    public static readonly TimeSpan QueueLimit = TimeSpan.FromHours(1);

    /// <summary>Finished imports stay visible (their status page) for this long.</summary>
    public static readonly TimeSpan KeepFinished = TimeSpan.FromDays(7);

    public Guid Token { get; set; }
    public string FileName { get; set; } = "";
    public byte[]? Content { get; set; }
    /// <summary>The column mapping the import runs with (JSON), set when it is started.</summary>
    public string? Mapping { get; set; }
    public ImportStatus Status { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public int Imported { get; set; }
    public int Skipped { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public bool Finished => Status is ImportStatus.Succeeded or ImportStatus.Failed;

    /// <summary>Whether a sweep at <paramref name="now"/> should give this import up as dead or forgotten.</summary>
    public static bool Abandoned(ImportStatus status, DateTimeOffset createdAt, DateTimeOffset? heartbeatAt, DateTimeOffset now) => status switch
    {
        ImportStatus.Running => now - (heartbeatAt ?? createdAt) > Silence,
        ImportStatus.Queued => now - (heartbeatAt ?? createdAt) > QueueLimit,
        _ => false,
    };

    public static string ShortError(string message) =>
        message.Length <= MaxErrorLength ? message : message[..(MaxErrorLength - 1)] + "…";
}

/// <summary>The bytes of an expense's receipt, in a table of their own so that reading entries never loads them.</summary>
public class StoredReceipt
{
    public int ExpenseId { get; set; }
    public Expense? Expense { get; set; }
    public byte[] Content { get; set; } = [];
}
