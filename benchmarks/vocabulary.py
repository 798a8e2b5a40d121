"""Word lists the synthetic notes are made of, in English and Spanish.

Every sentence of the corpus is put together from these lists, so the notes
read like study notes about cloud services without copying anybody's text.
Service names and taxonomy keywords (S3, bucket, Lambda, IAM, …) occur in the
lists on purpose: cuaderno auto-tags sections that mention them.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "es")

SUBJECTS = {
    "en": (
        "the team", "each service", "the Lambda function", "an IAM role", "the load balancer", "the pipeline",
        "this bucket", "the database", "every request", "the queue", "the cache layer", "our cluster",
        "the API gateway", "a scheduled job", "the monitoring agent", "the deployment script", "the VPC",
        "the CDN", "the worker pool", "the audit trail", "the billing alarm", "the staging account",
    ),
    "es": (
        "el equipo", "cada servicio", "la función Lambda", "un rol de IAM", "el balanceador de carga",
        "la canalización", "este bucket", "la base de datos", "cada petición", "la cola", "la capa de caché",
        "nuestro clúster", "la pasarela de API", "una tarea programada", "el agente de monitorización",
        "el script de despliegue", "la VPC", "la red de distribución", "el grupo de trabajadores",
        "el registro de auditoría", "la alarma de facturación", "la cuenta de pruebas",
    ),
}

VERBS = {
    "en": (
        "stores", "encrypts", "replicates", "routes", "retries", "validates", "caches", "logs", "scales",
        "rotates", "invalidates", "publishes", "consumes", "compresses", "throttles", "watches", "backs up",
        "signs", "filters", "deploys", "tags", "archives",
    ),
    "es": (
        "guarda", "cifra", "replica", "enruta", "reintenta", "valida", "almacena en caché", "registra", "escala",
        "rota", "invalida", "publica", "consume", "comprime", "limita", "vigila", "respalda", "firma", "filtra",
        "despliega", "etiqueta", "archiva",
    ),
}

OBJECTS = {
    "en": (
        "the access keys", "every incoming message", "the static assets", "the nightly backups", "old log files",
        "the user sessions", "the container images", "the configuration values", "the billing reports",
        "the DNS records", "temporary credentials", "the database snapshots", "failed events",
        "the TLS certificates", "large uploads", "the metrics", "the secrets", "the build artifacts",
        "the read replicas", "the object versions", "the health checks", "the cost allocation tags",
    ),
    "es": (
        "las claves de acceso", "cada mensaje entrante", "los recursos estáticos",
        "las copias de seguridad nocturnas", "los ficheros de registro antiguos", "las sesiones de usuario",
        "las imágenes de contenedor", "los valores de configuración", "los informes de facturación",
        "los registros DNS", "las credenciales temporales", "las instantáneas de la base de datos",
        "los eventos fallidos", "los certificados TLS", "las subidas grandes", "las métricas", "los secretos",
        "los artefactos de compilación", "las réplicas de lectura", "las versiones de los objetos",
        "las comprobaciones de estado", "las etiquetas de costes",
    ),
}

COMPLEMENTS = {
    "en": (
        "before it reaches production", "when the traffic grows", "with a short time to live",
        "across two availability zones", "only during business hours", "so that costs stay under control",
        "after each deployment", "without any manual step", "in a separate account",
        "when the health check fails", "for at least thirty days", "behind a private endpoint",
        "at the end of every month", "as soon as the alarm fires", "using a customer managed key",
        "in batches of ten", "to keep latency low", "while the old version drains", "through the command line",
        "with versioning enabled", "if nobody touches it for a week", "once the quota is reached",
    ),
    "es": (
        "antes de que llegue a producción", "cuando crece el tráfico", "con un tiempo de vida corto",
        "en dos zonas de disponibilidad", "solo en horario laboral", "para que los costes no se disparen",
        "después de cada despliegue", "sin ningún paso manual", "en una cuenta separada",
        "cuando falla la comprobación de estado", "durante al menos treinta días",
        "detrás de un punto de enlace privado", "al final de cada mes", "en cuanto salta la alarma",
        "con una clave administrada por el cliente", "en lotes de diez", "para mantener baja la latencia",
        "mientras la versión anterior termina", "desde la línea de comandos", "con el control de versiones activado",
        "si nadie lo toca durante una semana", "cuando se alcanza la cuota",
    ),
}

OPENERS = {
    "en": (
        "", "", "", "", "In practice, ", "Remember that ", "Note that ", "By default, ", "However, ", "Usually ",
        "In our setup, ", "For this reason, ", "At first sight ", "Later on ",
    ),
    "es": (
        "", "", "", "", "En la práctica, ", "Recuerda que ", "Ojo: ", "Por defecto, ", "Sin embargo, ",
        "Normalmente ", "En nuestro caso, ", "Por eso ", "A primera vista ", "Más adelante ",
    ),
}

# Short lines for aligned side comments and bullet lists: (left column, right column).
FACTS = {
    "en": (
        ("max object size", "5 TB, upload in parts above 100 MB"),
        ("default timeout", "3 seconds, raise it for batch work"),
        ("retention", "seven days unless someone changes it"), ("free allowance", "enough for a small side project"),
        ("cold start", "noticeable with large packages"), ("region", "pick the one closest to the users"),
        ("replicas", "two at least, three for production"), ("key rotation", "yearly, automatic if enabled"),
        ("log level", "INFO in production, DEBUG while testing"), ("throughput", "grows with the number of shards"),
        ("billing", "per request plus per gigabyte"), ("quota", "a soft limit, ask support to raise it"),
    ),
    "es": (
        ("tamaño máximo", "5 TB, subir por partes desde 100 MB"), ("tiempo de espera", "3 segundos, subirlo en lotes"),
        ("retención", "siete días salvo que se cambie"), ("capa gratuita", "suficiente para un proyecto pequeño"),
        ("arranque en frío", "se nota con paquetes grandes"), ("región", "la más cercana a los usuarios"),
        ("réplicas", "dos como mínimo, tres en producción"), ("rotación de claves", "anual, automática si se activa"),
        ("nivel de registro", "INFO en producción, DEBUG en pruebas"),
        ("rendimiento", "crece con el número de fragmentos"),
        ("facturación", "por petición más por gigabyte"), ("cuota", "límite flexible, se pide ampliarla a soporte"),
    ),
}

TODO = {
    "en": (
        "TODO: try this in the sandbox account", "TODO: compare with the previous setup", "TODO: ask about the quota",
    ),
    "es": (
        "PENDIENTE: probarlo en la cuenta de pruebas", "PENDIENTE: comparar con la versión anterior",
        "PENDIENTE: preguntar por la cuota",
    ),
}


@dataclass(frozen=True)
class Concern:
    """A recurring kind of section: its heading in each language, its tag, and the tags nested inside it."""

    heading: dict[str, str]
    tag: str
    nested: tuple[str, ...]


CONCERNS = (
    Concern({"en": "Basics", "es": "Conceptos básicos"}, "101", ("101.aws_cli", "security.101")),
    Concern({"en": "Pricing", "es": "Precios"}, "1_price", ("1_price.free", "1_price.101", "1_price.storage")),
    Concern(
        {"en": "Security", "es": "Seguridad"},
        "security",
        ("security.encryption", "security.aaa", "security.secret_mng"),
    ),
    Concern({"en": "Troubleshooting", "es": "Resolución de problemas"}, "troubleshooting",
            ("troubleshooting.network", "troubleshooting.performance")),
    Concern(
        {"en": "Limits and quotas", "es": "Límites y cuotas"}, "scalability", ("scalability.101", "scalability.storage")
    ),
    Concern({"en": "High availability", "es": "Alta disponibilidad"}, "qa", ("qa.ha", "qa.sla")),
    Concern({"en": "Monitoring", "es": "Monitorización"}, "monitoring", ("security.monitoring", "security.auditing")),
    Concern({"en": "Infrastructure as code", "es": "Infraestructura como código"}, "devops.iac",
            ("devops.ci_cd", "devops.git")),
    Concern(
        {"en": "Architecture", "es": "Arquitectura"}, "arch", ("arch.event_stream", "arch.async", "arch.data.cache")
    ),
    Concern({"en": "Governance", "es": "Gobierno"}, "governance", ("governance.policy", "governance.101")),
)


@dataclass(frozen=True)
class Topic:
    """What a note is about: its folder, names in each language, and its service tags."""

    folder: str
    name: dict[str, str]
    tags: tuple[str, ...]
    box_labels: tuple[str, ...]


TOPICS = (
    Topic("aws/storage", {"en": "S3 buckets", "es": "Buckets de S3"}, ("aws.s3", "1_iaas.storage.blob.s3"),
          ("client", "S3 bucket", "lifecycle", "Glacier")),
    Topic("aws/compute", {"en": "EC2 instances", "es": "Instancias EC2"}, ("aws.ec2", "1_iaas.vm.ec2"),
          ("ALB", "EC2", "ASG", "EBS")),
    Topic("aws/serverless", {"en": "Lambda functions", "es": "Funciones Lambda"}, ("aws.lambda", "arch.serverless"),
          ("API GW", "Lambda", "DynamoDB", "SQS")),
    Topic("aws/security", {"en": "IAM roles", "es": "Roles de IAM"}, ("aws.iam", "aws.sts"),
          ("user", "IAM role", "STS", "policy")),
    Topic("aws/security", {"en": "KMS keys", "es": "Claves de KMS"}, ("aws.kms", "security.encryption"),
          ("app", "KMS", "data key", "S3")),
    Topic("aws/databases", {"en": "DynamoDB tables", "es": "Tablas de DynamoDB"}, ("aws.dynamodb", "arch.data"),
          ("app", "DynamoDB", "DAX", "Streams")),
    Topic("aws/databases", {"en": "RDS databases", "es": "Bases de datos RDS"}, ("aws.rds", "arch.data.rdbms"),
          ("app", "RDS primary", "replica", "snapshot")),
    Topic("aws/messaging", {"en": "SQS queues", "es": "Colas SQS"}, ("aws.sqs", "arch.message_queue"),
          ("producer", "SQS", "consumer", "DLQ")),
    Topic("aws/messaging", {"en": "SNS topics", "es": "Temas de SNS"}, ("aws.sns", "arch.event_stream"),
          ("publisher", "SNS", "SQS", "email")),
    Topic("aws/networking", {"en": "VPC networking", "es": "Redes VPC"}, ("aws.vpc", "troubleshooting.network"),
          ("internet", "IGW", "subnet", "NAT")),
    Topic("aws/networking", {"en": "CloudFront distributions", "es": "Distribuciones de CloudFront"},
          ("aws.cloudfront", "qa.ux"), ("browser", "CloudFront", "origin", "S3")),
    Topic("aws/monitoring", {"en": "CloudWatch alarms", "es": "Alarmas de CloudWatch"},
          ("aws.cloudwatch", "monitoring"), ("metric", "alarm", "SNS", "on-call")),
    Topic("devops", {"en": "Terraform modules", "es": "Módulos de Terraform"}, ("devops.iac", "aws.cdk"),
          ("module", "plan", "state", "apply")),
    Topic("devops", {"en": "CI pipelines", "es": "Canalizaciones de CI"}, ("devops.ci_cd", "aws.devtools.codebuild"),
          ("commit", "build", "test", "deploy")),
    Topic("devops", {"en": "Containers", "es": "Contenedores"}, ("devops.containerization", "aws.ecs"),
          ("image", "registry", "ECS", "task")),
    Topic("k8s", {"en": "Kubernetes clusters", "es": "Clústeres de Kubernetes"}, ("k8s", "aws.eks"),
          ("kubectl", "API server", "node", "pod")),
)

# Words for file names, so folders hold notes with believable names.
FILE_WORDS = {
    "en": ("notes", "cheatsheet", "summary", "howto", "review", "lab", "quick-facts", "pitfalls"),
    "es": ("apuntes", "chuleta", "resumen", "guia", "repaso", "practica", "datos-rapidos", "errores"),
}
