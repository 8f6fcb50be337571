using FreelancerOS.Web.Data;
using FreelancerOS.Web.Features.Account;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Features.Recurring;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using FluentValidation.AspNetCore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
var dataFolder = Database.DataFolder(builder.Configuration, builder.Environment);

// This app's own logger, not Serilog's static one: several app instances (tests) can live in one process.
// Nothing logs a form body; the request log records method, path, status and time only.
var logger = new LoggerConfiguration()
    // The sinks' assemblies named: otherwise every assembly of the app is looked through for sinks at each start.
    .ReadFrom.Configuration(builder.Configuration, new Serilog.Settings.Configuration.ConfigurationReaderOptions(
        typeof(Serilog.ConsoleLoggerConfigurationExtensions).Assembly, typeof(Serilog.FileLoggerConfigurationExtensions).Assembly))
    .Enrich.FromLogContext()
    .WriteTo.Console()
    .WriteTo.File(Path.Combine(dataFolder, "logs", "freelanceros-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31)
    .CreateLogger();
builder.Services.AddSerilog(logger, dispose: true);

// Sign-in cookies and antiforgery tokens stay valid across restarts and across instances (keys in the server database).
builder.Services.AddAppDataProtection(builder.Configuration, dataFolder);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentUser>();
builder.Services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
builder.Services.AddScoped<CurrentAccount>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Time.CurrentWork>();
builder.Services.AddAppDatabase(builder.Configuration, builder.Environment);
KeptFigures.Register(new FreelancerOS.Web.Features.Dashboard.KeptDashboardTotals());

builder.Services.AddIdentity<AppUser, IdentityRole>(o =>
    {
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = 10;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    o.AccessDeniedPath = "/account/login";
    o.Cookie.Name = "FreelancerOS.Auth";
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.SlidingExpiration = true;
    FirstRun.SendFirstVisitorToRegister(o.Events);
    // Signing out, or changing the password elsewhere, ends every session at its next request (one statement).
    o.Events.OnValidatePrincipal = SessionCheck.ValidatePrincipalAsync;
});
builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
builder.Services.AddAntiforgery(o =>
{
    o.HeaderName = "RequestVerificationToken";
    o.Cookie.Name = "FreelancerOS.Antiforgery";
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});

builder.Services.AddValidatorsFromAssembly(typeof(Program).Assembly, includeInternalTypes: true);
builder.Services.AddFluentValidationAutoValidation();
builder.Services.AddTransient<IValidatorInterceptor, OneMessagePerField>();
builder.Services.AddControllersWithViews(o =>
    {
        o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        // What a person sees when a field cannot even be read (letters in an amount, a date that is not one).
        var messages = o.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"'{Echo.Short(value)}' is not valid here: check the number or date format.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"'{Echo.Short(value)}' is not valid here.");
        messages.SetValueIsInvalidAccessor(value => $"'{Echo.Short(value)}' is not valid here.");
        o.ModelBinderProviders.Insert(0, new BooleanBinder.Provider());
        o.ModelBinderProviders.Insert(0, new DateRangeBinder.Provider());
        messages.SetValueMustNotBeNullAccessor(_ => "Enter a value.");
        messages.SetUnknownValueIsInvalidAccessor(_ => "This value is not valid.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "This value is not valid.");
    })
    // Feature folders: Features/{the controller's namespace folder}/{View}.cshtml, then Features/Shared.
    .AddRazorOptions(FeatureFolders.Configure);
builder.Services.AddCappedTempData();
builder.Services.AddProxySupport(builder.Configuration);
builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
builder.Services.AddScoped<DemoDataSeeder>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Ledger.LedgerImports>();
builder.Services.AddSingleton<IJobSchedule, FreelancerOS.Web.Features.Ledger.LedgerStartup>();

// Invoices: numbering on issue, the PDF (fonts, once), the overdue job at start-up and hourly.
builder.Services.AddScoped<InvoiceIssuer>();
builder.Services.AddScoped<DraftInvoices>();
builder.Services.AddScoped<BilledWork>();
builder.Services.AddScoped<IInvoiceLifecycleHook, BilledWorkHook>();
// Payments: the open income on issue, payments, undo, void (one rule for the invoice page, the board and the ledger).
builder.Services.AddScoped<InvoicePayments>();
builder.Services.AddScoped<InvoiceDocuments>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Settings.InvoiceDocumentSettings>();
builder.Services.AddScoped<InvoiceShareLinks>();
builder.Services.AddScoped<IInvoiceShareLinks>(sp => sp.GetRequiredService<InvoiceShareLinks>());
builder.Services.AddScoped<IInvoiceLifecycleHook, LedgerInvoiceHook>();
// Tools: the calendar (meetings in the account's zone, the secret .ics feed).
builder.Services.AddScoped<FreelancerOS.Web.Features.Calendar.MeetingEditor>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Calendar.CalendarFeeds>();
// Reports and the dashboard: one query class per concern (forecast sources: none until recurring invoices exist).
builder.Services.AddScoped<FreelancerOS.Web.Features.Reports.ReceivablesQueries>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Reports.ForecastQueries>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Reports.ProfitabilityQueries>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Reports.TaxQueries>();
// Workflow: one rule for linking a client income to its invoice, client, project and service.
builder.Services.AddScoped<IncomeLinks>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Workflow.WorkflowGrid>();
builder.Services.AddScoped<IInvoiceLifecycleHook, IncomeLinksHook>();
// Invoice e-mail (SMTP, or .eml files in the data folder's outbox) and the daily payment reminders.
builder.Services.AddSingleton(new FreelancerOS.Web.Features.Mail.MailOutbox(Path.Combine(dataFolder, "outbox")));
builder.Services.AddSingleton<FreelancerOS.Web.Features.Mail.SmtpPasswords>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Mail.MailSender>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Mail.InvoiceMailer>();
builder.Services.AddScoped<FreelancerOS.Web.Features.Mail.MailSettingsEditor>();
builder.Services.AddScoped<IInvoiceSender, FreelancerOS.Web.Features.Mail.MailInvoiceSender>();
builder.Services.AddScoped<IRecurringInvoiceSender, FreelancerOS.Web.Features.Mail.MailRecurringSender>();
builder.Services.AddSingleton<IJobSchedule, FreelancerOS.Web.Features.Mail.PaymentReminderJob.Schedule>();
PdfFonts.Configure();
builder.Services.AddBackgroundJobs(builder.Configuration, dataFolder);
builder.Services.AddSingleton<IJobSchedule, MarkOverdueJob.Schedule>();
builder.Services.AddSingleton<IJobSchedule, PlannerStatistics.Schedule>();
builder.Services.AddRecurringInvoices();
builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);

var app = builder.Build();

// The database is made ready (migrations, kept figures, default lists) on another thread while this one puts the request
// pipeline together and starts the server; requests, jobs and the host's "started" wait for it (DatabaseReadiness).
var databaseReady = Task.Run(async () =>
{
    await Database.MigrateAsync(app.Services);
    await FreelancerOS.Web.Features.Ledger.LedgerLists.AddToAccountsWithoutAsync(app.Services);
});
app.Services.GetRequiredService<DatabaseReadiness>().Follow(databaseReady);

if (args.Length > 0 && args[0] == "seed-demo")
{
    await databaseReady;
    return await DemoDataCommand.RunAsync(app.Services, args[1..]);
}
if (args.Length > 0 && args[0] == "reset-lockout")
{
    await databaseReady;
    return await FreelancerOS.Web.Features.Account.ResetLockoutCommand.RunAsync(app.Services, args[1..]);
}

app.UseDatabaseReadiness();
app.UseSqlStatementCounting(); // FREELANCEROS_COUNT_SQL=1 only (the page benchmark)
app.UseProxySupport(app.Environment);
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
// Before authorization: the dashboard answers 404 itself to anyone but the administrator (no sign-in redirect).
app.UseJobsDashboard();
app.UseUserCulture();
app.UseAuthorization();
app.UseSerilogRequestLogging(o => o.Logger = logger);

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapControllerRoute("default", "{controller=Dashboard}/{action=Index}/{id?}");

await app.RunAsync();
return 0;

public partial class Program;
