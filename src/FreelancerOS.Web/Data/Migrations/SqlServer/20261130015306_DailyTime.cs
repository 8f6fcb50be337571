using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DailyTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TimerRoundingMinutes",
                table: "AccountSettings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TimerRoundingMode",
                table: "AccountSettings",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TimerRoundingMinutes",
                table: "AccountSettings");

            migrationBuilder.DropColumn(
                name: "TimerRoundingMode",
                table: "AccountSettings");
        }
    }
}
