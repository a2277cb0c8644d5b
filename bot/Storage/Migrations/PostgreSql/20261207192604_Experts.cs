using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AdoptionBot.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Experts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContentVersion",
                table: "outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SentActivityId",
                table: "outbox",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "expert_channels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChannelId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ServiceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BotId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TeamId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TeamName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ChannelName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LinkedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LinkedByObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LinkedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    StoppedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StoppedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_channels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "expert_tickets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Context = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AskerObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AskerChannelUserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AskerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AskerServiceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AskerBotId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ShowName = table.Column<bool>(type: "boolean", nullable: false),
                    AttemptedAnswer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Sources = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClosedHow = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ClosedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TakenByObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TakenByChannelUserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TakenByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TakenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnswerText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredByObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Answers = table.Column<int>(type: "integer", nullable: false),
                    FirstAnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WaitingSinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastReminderAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reminders = table.Column<int>(type: "integer", nullable: false),
                    PostedToChannelId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PostedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FaqEntryId = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_tickets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "faq_entries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Question = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ExpertName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpertObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TicketId = table.Column<int>(type: "integer", nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProposedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProposedByObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ProposedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedByObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_faq_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "expert_ticket_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TicketId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ByObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_ticket_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_expert_ticket_events_expert_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "expert_tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_expert_channels_TenantId_Active",
                table: "expert_channels",
                columns: new[] { "TenantId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_expert_ticket_events_TicketId",
                table: "expert_ticket_events",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_expert_tickets_AskerObjectId_State",
                table: "expert_tickets",
                columns: new[] { "AskerObjectId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_expert_tickets_CreatedAtUtc",
                table: "expert_tickets",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_expert_tickets_RequestKey",
                table: "expert_tickets",
                column: "RequestKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_expert_tickets_State_WaitingSinceUtc",
                table: "expert_tickets",
                columns: new[] { "State", "WaitingSinceUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_faq_entries_TenantId_State",
                table: "faq_entries",
                columns: new[] { "TenantId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "expert_channels");

            migrationBuilder.DropTable(
                name: "expert_ticket_events");

            migrationBuilder.DropTable(
                name: "faq_entries");

            migrationBuilder.DropTable(
                name: "expert_tickets");

            migrationBuilder.DropColumn(
                name: "ContentVersion",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "SentActivityId",
                table: "outbox");
        }
    }
}
