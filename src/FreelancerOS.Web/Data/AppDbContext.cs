using System.Linq.Expressions;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Data;

/// <summary>
/// The one DbContext. Every <see cref="OwnedEntity"/> is filtered to the current user and stamped with
/// that user's id when added, so no controller ever filters by owner by hand. Each provider has a
/// subclass that only exists to keep its own migrations (EF's "multiple providers" pattern).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private ICurrentUser currentUser = NoUser.Instance;
    private TimeProvider? clock;

    /// <summary>
    /// Who and when for this use of the context. The contexts are pooled (their start-up is a twelfth of a page's
    /// time otherwise), so each request's scope sets them when it takes one (<see cref="Infrastructure.Database"/>),
    /// and giving the context back forgets them: a context used without them sees no account's records.
    /// </summary>
    public AppDbContext For(ICurrentUser user, TimeProvider? time = null)
    {
        currentUser = user;
        clock = time;
        return this;
    }

    /// <summary>Read by the query filters; the value of the request using the context.</summary>
    public string? CurrentUserId => currentUser.UserId;

    public override void Dispose()
    {
        Forget();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Forget();
        return base.DisposeAsync();
    }

    private string? _ownConnectionString;

    /// <summary>
    /// Runs this use of the context on one of the SQLite connections kept open between requests
    /// (<see cref="Infrastructure.SqliteConnections"/>), which EF then neither opens, closes nor disposes.
    /// </summary>
    internal void UseKeptConnection(System.Data.Common.DbConnection connection)
    {
        _ownConnectionString ??= Database.GetConnectionString();
        Database.SetDbConnection(connection, contextOwnsConnection: false);
    }

    private void Forget()
    {
        currentUser = NoUser.Instance;
        clock = null;
        // Given back to its pool, the context lets go of the kept connection, which another scope may be lent next.
        if (_ownConnectionString is { } own)
        {
            _ownConnectionString = null;
            Database.SetDbConnection(null, contextOwnsConnection: false);
            Database.SetConnectionString(own);
        }
    }

    private sealed class NoUser : ICurrentUser
    {
        public static readonly NoUser Instance = new();
        public string? UserId => null;
    }

    public DbSet<Client> Clients => Set<Client>();
    public DbSet<AccountSettings> Settings => Set<AccountSettings>();
    public DbSet<AccountLogo> Logos => Set<AccountLogo>();

    // Projects, services and time
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ScopeChange> ScopeChanges => Set<ScopeChange>();
    public DbSet<TimeEntry> TimeEntries => Set<TimeEntry>();
    public DbSet<ProjectMonthHours> ProjectMonthHours => Set<ProjectMonthHours>();
    public DbSet<RunningTimer> Timers => Set<RunningTimer>();
    // Invoices
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<InvoiceStatusChange> InvoiceStatusChanges => Set<InvoiceStatusChange>();
    public DbSet<InvoiceNumberCounter> InvoiceNumberCounters => Set<InvoiceNumberCounter>();
    public DbSet<InvoiceEvent> InvoiceEvents => Set<InvoiceEvent>();
    public DbSet<InvoiceStatusTotal> InvoiceStatusTotals => Set<InvoiceStatusTotal>();
    public DbSet<ProjectMonthBilled> ProjectMonthBilled => Set<ProjectMonthBilled>();
    public DbSet<ClientMonthBilled> ClientMonthBilled => Set<ClientMonthBilled>();
    // Invoice e-mail and payment reminders
    public DbSet<MailSettings> MailSettings => Set<MailSettings>();
    public DbSet<ReminderRule> ReminderRules => Set<ReminderRule>();
    public DbSet<InvoiceReminder> InvoiceReminders => Set<InvoiceReminder>();
    public DbSet<InvoiceReminderOptOut> InvoiceReminderOptOuts => Set<InvoiceReminderOptOut>();
    public DbSet<RecurringSchedule> RecurringSchedules => Set<RecurringSchedule>();
    public DbSet<RecurringRun> RecurringRuns => Set<RecurringRun>();
    // Finance: the ledger
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Income> Incomes => Set<Income>();
    public DbSet<Expense> Expenses => Set<Expense>();
    public DbSet<LedgerCategory> LedgerCategories => Set<LedgerCategory>();
    public DbSet<PaymentMode> PaymentModes => Set<PaymentMode>();
    public DbSet<LedgerMonthTotal> LedgerMonthTotals => Set<LedgerMonthTotal>();
    public DbSet<LedgerModeTotal> LedgerModeTotals => Set<LedgerModeTotal>();
    public DbSet<ExpenseSeriesMonth> ExpenseSeriesMonths => Set<ExpenseSeriesMonth>();
    public DbSet<DashboardTotal> DashboardTotals => Set<DashboardTotal>();
    // Tools: contacts and the calendar
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    // Tools
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<StoredReceipt> Receipts => Set<StoredReceipt>();
    public DbSet<LedgerImport> LedgerImports => Set<LedgerImport>();
    // Shared by every instance on a server database (see Program.cs); unused with SQLite.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(OwnedEntity).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            var entity = builder.Entity(entityType.ClrType);
            entity.Property(nameof(OwnedEntity.OwnerId)).IsRequired().HasMaxLength(450);
            entity.Property(nameof(OwnedEntity.Version)).IsConcurrencyToken();
            entity.HasIndex(nameof(OwnedEntity.OwnerId));
            entity.HasOne(typeof(AppUser)).WithMany().HasForeignKey(nameof(OwnedEntity.OwnerId)).OnDelete(DeleteBehavior.Cascade);
            entity.HasQueryFilter(OwnerFilter(entityType.ClrType));
        }
        // A receipt belongs to its expense's owner.
        builder.Entity<StoredReceipt>().HasQueryFilter(r => r.Expense!.OwnerId == CurrentUserId);
        builder.Entity<LedgerMonthTotal>().HasQueryFilter(t => t.OwnerId == CurrentUserId);
        builder.Entity<LedgerModeTotal>().HasQueryFilter(t => t.OwnerId == CurrentUserId);
        builder.Entity<ExpenseSeriesMonth>().HasQueryFilter(t => t.OwnerId == CurrentUserId);
        builder.Entity<ProjectMonthHours>().HasQueryFilter(t => t.OwnerId == CurrentUserId);
        builder.Entity<DashboardTotal>().HasQueryFilter(t => t.OwnerId == CurrentUserId);
        builder.Entity<InvoiceStatusTotal>().HasQueryFilter(t => t.OwnerId == CurrentUserId);
        builder.Entity<ProjectMonthBilled>().HasQueryFilter(t => t.OwnerId == CurrentUserId);
        builder.Entity<ClientMonthBilled>().HasQueryFilter(t => t.OwnerId == CurrentUserId);
    }

    private LambdaExpression OwnerFilter(Type type)
    {
        // e => e.OwnerId == this.CurrentUserId, built per type because HasQueryFilter needs the concrete type.
        var e = Expression.Parameter(type, "e");
        var owner = Expression.Property(e, nameof(OwnedEntity.OwnerId));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentUserId));
        return Expression.Lambda(Expression.Equal(owner, current), e);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Money: exact, with room for the 3-decimal currencies and unit prices to 4 places.
        configuration.Properties<decimal>().HavePrecision(18, 4);
    }

    // Kept figures (IKeptFigures: the ledger's month totals, the projects' figures, the dashboard's unbilled work...) change in the same transaction as the rows they
    // come from, whichever code path wrote them.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        var kept = KeptFigures.Collect(ChangeTracker);
        if (kept.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var tx = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        foreach (var change in kept) change.Before(this);
        var written = base.SaveChanges(acceptAllChangesOnSuccess: false);
        foreach (var change in kept) change.After(this);
        tx?.Commit();
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        var kept = KeptFigures.Collect(ChangeTracker);
        if (kept.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var tx = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var change in kept) await change.BeforeAsync(this, cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        foreach (var change in kept) await change.AfterAsync(this, cancellationToken);
        if (tx is not null) await tx.CommitAsync(cancellationToken);
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return written;
    }

    // One pass over the tracker (each Entries() call detects changes again, which a large batch pays for).
    // A context built by hand (tests, design time) has no clock and leaves CreatedAt as given.
    private void Stamp()
    {
        var now = clock?.GetUtcNow();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && now is not null && entry.Entity is ICreated { CreatedAt: var created } && created == default)
                entry.Property(nameof(ICreated.CreatedAt)).CurrentValue = now.Value;
            if (entry.Entity is not OwnedEntity owned) continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    if (string.IsNullOrEmpty(owned.OwnerId))
                        owned.OwnerId = CurrentUserId
                            ?? throw new InvalidOperationException("An owned record was added with no signed-in user.");
                    break;
                case EntityState.Modified:
                    if (owned.OwnerId != CurrentUserId)
                        throw new InvalidOperationException("A record of another account was modified.");
                    owned.Version++;
                    break;
            }
        }
    }
}

// Each has one public constructor, as pooling requires; the internal one is for contexts built by hand (tests, benchmarks).
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    internal SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, ICurrentUser currentUser, TimeProvider? clock = null) : this(options) =>
        For(currentUser, clock);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        SqliteModel.Adapt(builder);
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    internal PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, ICurrentUser currentUser, TimeProvider? clock = null) : this(options) =>
        For(currentUser, clock);
}

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    internal SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options, ICurrentUser currentUser, TimeProvider? clock = null) : this(options) =>
        For(currentUser, clock);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        SqlServerModel.Adapt(builder);
    }
}
