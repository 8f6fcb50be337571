using FreelancerOS.Web.Features.Reports;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Recurring;

public static class RecurringRegistration
{
    /// <summary>
    /// Schedules, their runs, the hourly job and the forecast's recurring income. The sender of a run's invoice
    /// (<see cref="IRecurringInvoiceSender"/>) is registered by the mail feature in Program.cs: mail depends on
    /// recurring, never the other way round (no cycle between features).
    /// </summary>
    public static IServiceCollection AddRecurringInvoices(this IServiceCollection services)
    {
        services.AddScoped<RecurringSchedules>();
        services.AddScoped<RecurringRuns>();
        services.AddScoped<RecurringInvoicesJob>();
        services.AddScoped<IForecastSource, RecurringForecast>();
        services.AddSingleton<IJobSchedule, RecurringInvoicesJob.Schedule>();
        return services;
    }
}
