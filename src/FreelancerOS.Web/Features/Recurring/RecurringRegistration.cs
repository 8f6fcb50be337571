using FreelancerOS.Web.Features.Reports;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Recurring;

public static class RecurringRegistration
{
    /// <summary>Schedules, their runs, the hourly job and the forecast's recurring income.</summary>
    public static IServiceCollection AddRecurringInvoices(this IServiceCollection services)
    {
        services.AddScoped<RecurringSchedules>();
        services.AddScoped<RecurringRuns>();
        services.AddScoped<RecurringInvoicesJob>();
        services.AddScoped<IRecurringInvoiceSender, FreelancerOS.Web.Features.Mail.MailRecurringSender>();
        services.AddScoped<IForecastSource, RecurringForecast>();
        services.AddSingleton<IJobSchedule, RecurringInvoicesJob.Schedule>();
        return services;
    }
}
